"""Testi italiani delle storie di vittoria: la domanda, il modulo, il post e `/stories`."""

MESSAGES: dict[str, str] = {
    "usage.stories": "stories [parola]",
    "help.stories": "come sono state vinte le trattative, con le parole di chi le ha vinte",
    "story.ask.title": "🎉 Hai vinto {deal}!",
    "story.ask.text": (
        "Complimenti! Come l'hai vinta? Raccontalo al team in poche parole: la tua storia "
        "va nei canali delle celebrazioni, perché ciò che funziona si diffonda."
    ),
    "story.form.title": "La tua vittoria",
    "story.form.open": "Racconta",
    "story.form.submit": "Condividi",
    "story.form.difference": "Che cosa ha fatto la differenza?",
    "story.form.helpers": "Chi ti ha aiutato?",
    "story.form.tip": "Un consiglio per il team (facoltativo)",
    "story.thanks.title": "Grazie!",
    "story.thanks.text": "La tua storia di {deal} va ora nei canali delle celebrazioni.",
    "story.refused.title": "La tua storia non è stata salvata",
    "story.refused.missing": "«{field}» è vuoto: scrivi qualche parola, poi condividi di nuovo.",
    "story.refused.too_long": (
        "«{field}» ha {count} caratteri; ne stanno al massimo {limit}. Accorcialo, poi "
        "condividi di nuovo."
    ),
    "story.refused.unknown": "Quel modulo non è più una storia di vittoria di Quotabot.",
    "story.refused.not_yours": (
        "Solo il titolare della trattativa, a cui è stato chiesto, può raccontarne la storia."
    ),
    "story.refused.told": "La storia di {deal} è già stata raccontata: si salva una volta sola.",
    "story.refused.not_won": (
        "{deal} non risulta più vinta nel CRM, quindi la sua storia non viene pubblicata."
    ),
    "post.story.title": "📖 Come {name} ha vinto {deal}",
    "story.difference": "*Che cosa ha fatto la differenza:* {text}",
    "story.helpers": "*Chi ha aiutato:* {text}",
    "story.tip": "*Consiglio per il team:* {text}",
    "stories.title": "Storie di vittoria",
    "stories.title.keyword": "Storie di vittoria su «{keyword}»",
    "stories.line": "*{name}* · {deal} · {day}",
    "stories.none": (
        "Ancora nessuna storia di vittoria: arrivano da chi vince le trattative grandi."
    ),
    "stories.none.keyword": (
        "Nessuna storia di vittoria parla di «{keyword}». Prova il nome di un venditore, "
        "una trattativa, un cliente o una parola, oppure `stories` da solo per le più recenti."
    ),
    "stories.more": "Sono mostrate le {count} più recenti; una parola le restringe.",
}
