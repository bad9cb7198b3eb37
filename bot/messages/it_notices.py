"""Testi italiani degli avvisi personali: rischi ai manager, promemoria e `nudges`."""

MESSAGES: dict[str, str] = {
    # -- avvisi di rischio ai manager --
    "alert.title": "A rischio nel tuo team · {period}",
    "alert.summary.title": "Riepilogo settimanale dei rischi · {period}",
    "alert.intro.one": "{count} delle tue persone rischia di mancare la quota:",
    "alert.intro.other": "{count} delle tue persone rischiano di mancare la quota:",
    "alert.summary.intro.one": (
        "Nulla è cambiato dal mio ultimo avviso: {count} persona è ancora a rischio."
    ),
    "alert.summary.intro.other": (
        "Nulla è cambiato dal mio ultimo avviso: {count} persone sono ancora a rischio."
    ),
    "alert.new": "nuovo",
    "alert.reasons_changed": "motivi cambiati",
    "alert.recovered": "Di nuovo in linea dal mio ultimo avviso: {names}.",
    "alert.more.one": "… e {count} altra: `atrisk` le elenca tutte.",
    "alert.more.other": "… e altre {count}: `atrisk` le elenca tutte.",
    "button.atrisk": "Mostra tutti i rischi",
    # -- promemoria ai venditori --
    "nudge.title": "Il tuo promemoria di oggi · {period}",
    "nudge.behind": (
        "Sei *{gap}* in ritardo sul ritmo: {won} vinti sui {expected} attesi a oggi."
    ),
    "nudge.to_quota": "Per raggiungere la quota, {what}",
    "nudge.stale.one": "{count} trattativa aspetta un tuo passo:",
    "nudge.stale.other": "{count} trattative aspettano un tuo passo:",
    "nudge.more.one": "… e {count} altra nella tua pipeline.",
    "nudge.more.other": "… e altre {count} nella tua pipeline.",
    "nudge.stop": ("Non ora? Rimanda i promemoria, o scrivi `/quotabot nudges off` per fermarli."),
    "button.snooze.one": "Rimanda di {count} giorno",
    "button.snooze.other": "Rimanda di {count} giorni",
    # -- il comando nudges --
    "usage.nudges": "nudges [on|off|snooze [giorni]]",
    "help.nudges": "i tuoi promemoria: vederli, spegnerli, riaccenderli o rimandarli",
    "nudges.title": "I tuoi promemoria",
    "nudges.on": (
        "I promemoria sono attivi: nei giorni feriali alle {time} ({zone}), quando sei "
        "in ritardo sul ritmo o hai trattative ferme."
    ),
    "nudges.off": "I promemoria sono spenti. Scrivi `/quotabot nudges on` per riaverli.",
    "nudges.snoozed": (
        "I promemoria sono rimandati fino a {day} alle {time} ({zone}). "
        "`/quotabot nudges on` li riattiva subito."
    ),
    "nudges.disabled": (
        "I promemoria sono spenti per tutti nelle impostazioni di Quotabot; la tua scelta "
        "resta per quando torneranno."
    ),
    "nudges.bad_days": (
        "“{word}” non è un numero di giorni: rimanda da 1 a {most} giorni, per esempio "
        "`nudges snooze 7`."
    ),
    "nudges.bad_word": "Qui non conosco “{word}”: usa `on`, `off` o `snooze`.",
}
