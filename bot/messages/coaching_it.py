"""Testi italiani di coaching e inserimento: /coach, /ramp e la rampa in /myquota."""

MESSAGES: dict[str, str] = {
    "usage.coach": "coach [@venditore] [periodo]",
    "help.coach": (
        "scheda per un colloquio: a che punto è un venditore, "
        "leve, trattative da discutere, cosa provare"
    ),
    "usage.ramp": "ramp [periodo]",
    "help.ramp": "i tuoi nuovi assunti rispetto alla rampa: quota, risultati, prime tappe",
    # -- /coach --
    "brief.title": "Scheda di coaching · {name} · {period}",
    "brief.title.own": "La tua scheda di coaching · {period}",
    "brief.per_person": "Il coaching è per persona: indica un venditore, non un team.",
    "brief.pick.title": "Chi vuoi seguire?",
    "brief.pick": "Indica una delle tue persone, per esempio `coach @nome.cognome`: {names}.",
    "brief.standing.theirs": (
        "{name} ha vinto *{won}* su *{quota}* (*{attainment}*) e la proiezione è "
        "*{projection}* ({projected} della quota): mancano {gap}."
    ),
    "brief.standing.own": (
        "Hai vinto *{won}* su *{quota}* (*{attainment}*) e la tua pipeline porta a "
        "*{projection}* ({projected} della quota): ancora {gap} e ci sei."
    ),
    "brief.standing.ahead.theirs": (
        "{name} ha vinto *{won}* su *{quota}* (*{attainment}*) e la proiezione è "
        "*{projection}* ({projected} della quota): {gap} oltre."
    ),
    "brief.standing.ahead.own": (
        "Hai vinto *{won}* su *{quota}* (*{attainment}*) e la tua pipeline porta a "
        "*{projection}* ({projected} della quota): {gap} oltre. Ottimo lavoro."
    ),
    "brief.no_quota.theirs": "{name} ha vinto *{won}*; nessuna quota per {period}.",
    "brief.no_quota.own": "Finora hai vinto *{won}*; nessuna quota per {period}.",
    "brief.drivers.theirs": "*Leve su cui lavorare* (rispetto a {team}):",
    "brief.drivers.own": "*Le tue leve migliori* (rispetto a {team}):",
    "brief.driver.theirs": (
        "*{driver}*: {value} contro la mediana del team di {median}. Alla mediana la "
        "proiezione sarebbe *{at_median}* invece di {projection} ({lift} in più)."
    ),
    "brief.driver.own": (
        "*{driver}*: alla mediana del team di {median} la tua proiezione sale a "
        "*{at_median}*, {lift} in più."
    ),
    "brief.no_gap.theirs": (
        "{name} è alla mediana di {team} o sopra su ogni leva: costruite su ciò che funziona."
    ),
    "brief.no_gap.own": (
        "Sei alla mediana di {team} o sopra su ogni leva: continua con ciò che funziona."
    ),
    "brief.top.activity.theirs": (
        "Il quartile migliore registra {top} attività a settimana; {name} {value}."
    ),
    "brief.top.activity.own": (
        "Il quartile migliore registra {top} attività a settimana; tu {value}."
    ),
    "brief.top.pipeline_created.theirs": (
        "Il quartile migliore ha creato {top} di pipeline nel periodo; {name} {value}."
    ),
    "brief.top.pipeline_created.own": (
        "Il quartile migliore ha creato {top} di pipeline nel periodo; tu {value}."
    ),
    "brief.top.coverage.theirs": (
        "Il quartile migliore copre {top} di quanto manca; {name} {value}."
    ),
    "brief.top.coverage.own": "Il quartile migliore copre {top} di quanto manca; tu {value}.",
    "brief.top.win_rate.theirs": (
        "Il quartile migliore vince il {top} delle trattative; {name} il {value}."
    ),
    "brief.top.win_rate.own": (
        "Il quartile migliore vince il {top} delle trattative; tu il {value}."
    ),
    "brief.top.deal_size.theirs": (
        "La trattativa media del quartile migliore vale {top}; quella di {name} {value}."
    ),
    "brief.top.deal_size.own": (
        "La trattativa media del quartile migliore vale {top}; la tua {value}."
    ),
    "brief.top.sales_cycle.theirs": "Il quartile migliore chiude in {top}; {name} in {value}.",
    "brief.top.sales_cycle.own": "Il quartile migliore chiude in {top}; tu in {value}.",
    "brief.top.stale_share.theirs": (
        "Il quartile migliore ha ferme il {top} delle trattative aperte; {name} il {value}."
    ),
    "brief.top.stale_share.own": (
        "Il quartile migliore ha ferme il {top} delle trattative aperte; tu il {value}."
    ),
    "brief.deals.theirs": "*Trattative da discutere:*",
    "brief.deals.own": "*Trattative da far avanzare:*",
    "brief.deal.slipping": "in ritardo: {deal}",
    "brief.deal.stale": "ferma: {deal}",
    "brief.deal.largest": "la più grande aperta: {deal}",
    "brief.actions.theirs": "*Azioni suggerite:*",
    "brief.actions.own": "*Prova così:*",
    "brief.field": "{value} · team {median} · quartile migliore {top}",
    "driver.activity": "Attività a settimana",
    "driver.pipeline_created": "Pipeline creata",
    "driver.coverage": "Copertura",
    "driver.win_rate": "Tasso di vittoria",
    "driver.deal_size": "Valore medio",
    "driver.sales_cycle": "Ciclo di vendita",
    "driver.stale_share": "Trattative ferme",
    "count.days.one": "{count} giorno",
    "count.days.other": "{count} giorni",
    # -- rampa --
    "ramp.month": (
        "Rampa: mese {number} di {months}, al *{share}* della quota piena fino al {end}; "
        "quota piena dal {full}."
    ),
    "ramp.milestones": (
        "Primo incontro: {meeting} · prima trattativa in pipeline: {deal} · prima vittoria: {win}"
    ),
    "ramp.not_configured": (
        "Nessuna rampa impostata: aggiungi `[ramp] months = [0.25, 0.5, 0.75]` a "
        "quotabot.toml per graduare la quota dei nuovi assunti."
    ),
    "ramp.not_yet": "non ancora",
    "ramp.title": "Nuovi assunti in rampa · {period}",
    "ramp.none": "Nessuna delle tue persone è in rampa in questo momento.",
    "ramp.curve": "La rampa: {curve}, poi quota piena.",
    "ramp.hire": (
        "*{name}* · assunto il {hired} · mese {number} di {months} ({share} della quota) · "
        "{won} vinti su {quota} ({attainment})"
    ),
    "ramp.hire.done": (
        "*{name}* · assunto il {hired} · a quota piena dal {full} · {won} vinti su {quota} "
        "({attainment})"
    ),
    "ramp.chart.title": "Raggiungimento della quota piena per mese di rampa",
    "ramp.chart.alt": "{name}: {months}.",
    "ramp.chart.month": "mese {number}: {actual} della quota piena contro il {share} della rampa",
    "ramp.chart.tick": "mese {number}",
    "ramp.chart.curve": "Rampa",
}
