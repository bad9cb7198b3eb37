"""Testi in italiano, con le stesse chiavi di en.py."""

MESSAGES: dict[str, str] = {
    # -- comandi: uso e aiuto --
    "usage.myquota": "myquota [periodo] [nome]",
    "help.myquota": "il tuo raggiungimento, il ritmo e quanto manca alla quota",
    "usage.leaderboard": "leaderboard [metrica] [periodo] [team] | leaderboard optout|optin",
    "help.leaderboard": (
        "i primi posti e il tuo, per won_revenue, attainment, deals_won, win_rate, "
        "average_deal_size, activities, most_improved o points"
    ),
    "usage.pipeline": "pipeline [periodo] [nome]",
    "help.pipeline": "le tue trattative aperte per fase, con quelle ferme o scadute",
    "usage.forecast": "forecast [periodo] [nome]",
    "help.forecast": "chiuso, commit, best case e pipeline rispetto alla quota",
    "usage.team": "team [team o manager] [periodo]",
    "help.team": "una riga per ogni persona del tuo team, dal raggiungimento più alto",
    "usage.atrisk": "atrisk [team o manager] [periodo]",
    "help.atrisk": "chi rischia di mancare la quota, perché, e cosa servirebbe",
    "usage.earnings": "earnings [periodo] [nome] [whatif IMPORTO|TRATTATIVA]",
    "help.earnings": (
        "quanto hai guadagnato per scaglione, e quanto aggiungerebbe una trattativa; "
        "lo vedi solo tu"
    ),
    "usage.points": "punti [nome]",
    "help.points": "i tuoi punti, e gli ultimi con ciò che li ha fatti guadagnare",
    "usage.badges": "badge [nome]",
    "help.badges": "i badge che hai guadagnato, e quando",
    "usage.help": "help [comando]",
    "help.help": "questo elenco, o come si usa un comando",
    "usage.whoami": "whoami",
    "help.whoami": "chi sei per Quotabot, e di chi puoi vedere i numeri",
    "usage.link": "link @utente EMAIL",
    "help.link": "collega un utente della chat al venditore con quella email (admin)",
    "usage.subscribe": (
        "subscribe leaderboard daily|weekdays|weekly GIORNO HH:MM [metrica] [team] "
        "| subscribe report daily|weekdays|weekly GIORNO HH:MM [team] "
        "| subscribe celebrations [team]"
    ),
    "help.subscribe": (
        "pubblica la classifica o la relazione sui risultati in questo canale a orari fissi, "
        "o festeggia ogni trattativa vinta (manager)"
    ),
    "usage.unsubscribe": "unsubscribe NUMERO",
    "help.unsubscribe": "ferma una delle pubblicazioni programmate di questo canale (manager)",
    "usage.subscriptions": "subscriptions",
    "help.subscriptions": "le pubblicazioni programmate del canale e quando escono (manager)",
    "help.title": "Comandi di Quotabot",
    "help.intro": (
        "Scrivi un comando con o senza barra. Un periodo è un nome come `2026-Q4`, "
        "`2026-11`, `this-quarter` o `last-month`; se manca, vale il trimestre in corso."
    ),
    "help.public": "Aggiungi `public` alla fine per condividere la risposta nel canale.",
    "usage.title": "Come si usa {command}",
    "usage.unexpected": "Non ho capito `{word}` in quel punto.",
    "usage.unknown_command.title": "Comando sconosciuto",
    "usage.unknown_command": "Non conosco il comando `{word}`.",
    "usage.commands": "I comandi che puoi usare: {names}. Scrivi `help` per saperne di più.",
    # -- persone --
    "not_linked.title": "Il tuo account della chat non è ancora collegato",
    "not_linked": "Non so quale venditore tu sia, quindi non posso mostrarti i tuoi numeri.",
    "not_linked.how": (
        "Chiedi a un admin di Quotabot di scrivere `/quotabot link @tu tua.email@azienda.it`, "
        "oppure controlla che l'email del tuo profilo sia quella del CRM."
    ),
    "whoami.title": "Sei {name}",
    "whoami.sees_all": "Come admin puoi vedere i numeri di tutti.",
    "whoami.sees_own": "Puoi vedere i tuoi numeri e le classifiche.",
    "whoami.sees_reports.one": "Puoi vedere i tuoi numeri e quelli di 1 persona sotto di te.",
    "whoami.sees_reports.other": (
        "Puoi vedere i tuoi numeri e quelli delle {count} persone sotto di te."
    ),
    "role.rep": "venditore",
    "role.manager": "manager",
    "role.admin": "admin",
    "link.title": "Collegato",
    "link.done": "L'utente della chat `{user}` ora è {name} ({email}).",
    "link.unknown_email": (
        "Nessuno in Quotabot ha l'email `{email}`; controllala, o importa prima la persona."
    ),
    # -- etichette --
    "field.won": "Vinto",
    "field.quota": "Quota",
    "field.attainment": "Raggiungimento",
    "field.pace": "Ritmo",
    "field.pace.value": "{pace} del periodo ({expected} attesi)",
    "field.pace.no_quota": "{pace} del periodo",
    "field.pace_gap": "Scarto dal ritmo",
    "field.gap.ahead": "{gap} in vantaggio",
    "field.gap.behind": "{gap} in ritardo",
    "field.days_left": "Giorni lavorativi rimasti",
    "field.needed_per_day": "Necessario per giorno lavorativo",
    "field.projection_weighted": "Proiezione (pipeline ponderata)",
    "field.projection_run_rate": "Proiezione (ritmo attuale)",
    "field.projected_attainment": "Raggiungimento previsto",
    "field.open_pipeline": "Pipeline aperta",
    "field.coverage": "Copertura della pipeline",
    "field.win_rate": "Tasso di vittoria",
    "field.open_deals": "Trattative aperte",
    "field.open_amount": "Valore aperto",
    "field.closing_in": "In chiusura in {period}",
    "field.closed": "Chiuso",
    "field.commit": "Commit (chiuso + commit)",
    "field.best_case": "Best case (+ trattative best case)",
    "field.pipeline": "Pipeline (non in commit)",
    "field.email": "Email",
    "field.role": "Ruolo",
    "field.team": "Team",
    "field.manager": "Manager",
    "field.language": "Lingua",
    "figure.of": "{won} su {quota}",
    "figure.share": "{amount} ({share} della quota)",
    "figure.in_deals": "{amount} in {deals}",
    "figure.times": "{value}x",
    "figure.percent": "{value}%",
    "figure.points_change": "{value} p.p.",
    "field.commission": "Provvigioni",
    "field.spiffs": "SPIFF",
    "field.adjustments": "Rettifiche",
    "field.earnings_total": "Compensi totali",
    "field.extra_commission": "Provvigioni in più",
    "count.deals.one": "{count} trattativa",
    "count.deals.other": "{count} trattative",
    "count.open_deals.one": "{count} trattativa aperta",
    "count.open_deals.other": "{count} trattative aperte",
    "count.people.one": "{count} persona",
    "count.people.other": "{count} persone",
    "count.at_risk.one": "{count} a rischio",
    "count.at_risk.other": "{count} a rischio",
    "list.or": "{first} o {last}",
    # -- /myquota --
    "myquota.title.own": "La tua quota · {period}",
    "myquota.title": "{name} · {period}",
    "myquota.standing": "*{won}* vinti su *{quota}*: *{attainment}* della quota.",
    "myquota.ahead": "Sono {gap} in vantaggio sul ritmo ({expected} attesi a oggi).",
    "myquota.behind": "Sono {gap} in ritardo sul ritmo ({expected} attesi a oggi).",
    "myquota.no_quota": "Nessuna quota per {period}; finora *{won}* vinti.",
    "myquota.at_risk": "⚠ A rischio: {reasons}.",
    "myquota.earnings": "Compensi finora: *{total}* (scrivi `earnings` per il dettaglio).",
    "progress.attainment": "Raggiungimento",
    "progress.pace": "ritmo {pace}",
    "coach.title": "*Per recuperare:*",
    "coach.per_day": "chiudi {needed} per giorno lavorativo nei {days} giorni lavorativi rimasti.",
    "coach.reached": "la quota è raggiunta: ogni trattativa da qui in poi è in più.",
    "coach.coverage": (
        "La pipeline aperta copre solo {coverage} di quanto manca: aggiungi nuove trattative "
        "questa settimana."
    ),
    "coach.revive": "Riprendi prima queste: le più grandi tra le trattative ferme o scadute.",
    # -- trattative e /pipeline --
    "deal.unnamed": "(senza nome)",
    "deal.past_due": "data di chiusura {day} superata",
    "deal.untouched.one": "ferma da {count} giorno",
    "deal.untouched.other": "ferma da {count} giorni",
    "pipeline.title.own": "La tua pipeline · {period}",
    "pipeline.title": "Pipeline di {name} · {period}",
    "pipeline.summary": "{deals} per {amount}; {closing} dovrebbero chiudersi in {period}.",
    "pipeline.by_stage": "*Per fase*",
    "pipeline.stage": "{stage}: {deals}, {amount}",
    "pipeline.age.one": "in media da {count} giorno",
    "pipeline.age.other": "in media da {count} giorni",
    "pipeline.past_due.one": (
        "*Oltre la data di chiusura* ({count} trattativa): sposta la data o chiudila"
    ),
    "pipeline.past_due.other": (
        "*Oltre la data di chiusura* ({count} trattative): sposta le date o chiudile"
    ),
    "pipeline.stale.one": "*Ferme* ({count} trattativa, nessuna attività da {days} giorni o più)",
    "pipeline.stale.other": (
        "*Ferme* ({count} trattative, nessuna attività da {days} giorni o più)"
    ),
    # -- /forecast --
    "forecast.title.own": "La tua previsione · {period}",
    "forecast.title": "Previsione · {whose} · {period}",
    "forecast.verdict": (
        "Chiuso più commit arriva al *{commit}* della quota; con il best case, al *{best}*."
    ),
    "forecast.no_quota": "Nessuna quota per {period}: non c'è un obiettivo con cui confrontare.",
    # -- /leaderboard --
    "leaderboard.title": "Classifica · {metric} · {period}",
    "leaderboard.you": "(tu)",
    "leaderboard.empty": "Ancora nessuno in classifica: nessun risultato in questo periodo.",
    "leaderboard.more": "{count} persone in classifica in tutto.",
    "leaderboard.anonymous": "Anonimo",
    "leaderboard.band.one": "Posizioni {first}–{last}: {count} persona",
    "leaderboard.band.other": "Posizioni {first}–{last}: {count} persone",
    "leaderboard.optout.title": "Sei anonimo nelle classifiche pubbliche",
    "leaderboard.optout.done": (
        "Le classifiche pubblicate in un canale ora ti mostrano come anonimo. La tua "
        "classifica personale mostra comunque la tua posizione e il tuo valore."
    ),
    "leaderboard.optout.already": "Eri già anonimo nelle classifiche pubbliche.",
    "leaderboard.optout.undo": "Scrivi `leaderboard optin` per tornare a comparire per nome.",
    "leaderboard.optin.title": "Compari per nome nelle classifiche pubbliche",
    "leaderboard.optin.done": (
        "Le classifiche pubblicate in un canale mostrano di nuovo il tuo nome."
    ),
    "leaderboard.optin.already": "Comparivi già per nome nelle classifiche pubbliche.",
    "leaderboard.optin.undo": "Scrivi `leaderboard optout` per comparire come anonimo.",
    "metric.won_revenue": "fatturato vinto",
    "metric.attainment": "raggiungimento",
    "metric.deals_won": "trattative vinte",
    "metric.win_rate": "tasso di vittoria",
    "metric.average_deal_size": "valore medio",
    "metric.activities": "attività",
    "metric.most_improved": "maggior miglioramento",
    "metric.points": "punti",
    # -- /team e /atrisk --
    "team.title": "{whose} · {period}",
    "team.yours": "Il tuo team",
    "team.theirs": "Team di {name}",
    "team.company": "Tutti",
    "team.summary": "{people}: {won} vinti su {quota} ({attainment}); {at_risk}.",
    "team.no_quota": "{won} vinti, nessuna quota",
    "team.at_risk": "a rischio",
    "atrisk.title": "A rischio · {whose} · {period}",
    "atrisk.none": "Nessuno è a rischio in {period}.",
    "atrisk.too_early": (
        "È presto per dirlo: si valuta dopo il {share} dei giorni lavorativi del periodo."
    ),
    "risk.low_projection": "proiezione al {projected} della quota",
    "risk.behind_pace": "{gap} in ritardo sul ritmo",
    "risk.low_coverage": "la pipeline copre solo {coverage} di quanto manca",
    "risk.no_pipeline": "nessuna pipeline aperta per colmare il divario",
    "risk.stale.one": "{count} trattativa ferma",
    "risk.stale.other": "{count} trattative ferme",
    # -- /earnings --
    "earnings.title.own": "I tuoi compensi · {period}",
    "earnings.title": "Compensi di {name} · {period}",
    "earnings.never_public": (
        "_I compensi non vengono mai pubblicati in un canale: questa risposta la vedi solo tu._"
    ),
    "earnings.per_person": "I compensi sono per persona: indica un venditore, non un team.",
    "earnings.no_plan.title": "Nessun piano provvigionale",
    "earnings.no_plan": "{name} non ha un piano provvigionale in {period}.",
    "earnings.no_plan.how": (
        "I piani li imposta l'admin di Quotabot in quotabot.toml, nella sezione [earnings]."
    ),
    "earnings.total": (
        "*{total}* guadagnati finora: {commission} di provvigioni, {spiffs} di SPIFF e "
        "{adjustments} di rettifiche."
    ),
    "earnings.no_quota": (
        "Non c'è una quota per {period}, quindi le provvigioni per scaglione non si possono "
        "ancora calcolare."
    ),
    "earnings.by_tier": "*Provvigioni per scaglione* · piano {plan}",
    "earnings.by_tier.part": "*Provvigioni per scaglione* · piano {plan}, dal {start} al {end}",
    "earnings.tier": "Scaglione {number}",
    "earnings.bounds": "da {lower} a {upper} della quota",
    "earnings.bounds.above": "oltre {lower} della quota",
    "earnings.paid": "{revenue} × {rate} = {commission}",
    "earnings.capped": "Il tetto del piano trattiene {capped}.",
    "earnings.next_tier": (
        "Con altri {needed} arrivi allo scaglione {number} ({rate}), quando raggiungi "
        "{share} della quota."
    ),
    "earnings.top_tier": "Sei nello scaglione più alto: ogni altra trattativa ha aliquota {rate}.",
    "earnings.draw": (
        "Il tuo periodo di avvio garantisce {guarantee} finora: l'anticipo aggiunge {top_up}."
    ),
    "earnings.spiffs": "*SPIFF*",
    "earnings.spiff.product": "{product}: {deals} × {amount} = {total}",
    "earnings.spiff.ledger": "{cause}: {total}",
    "earnings.adjustments": "*Rettifiche*",
    "earnings.ledger": "{kind} · {day} · {what}: {amount}",
    "earnings.kind.adjustment": "Rettifica",
    "earnings.kind.clawback": "Storno",
    "earnings.kind.reversed_deal": "Pagato su una trattativa poi annullata",
    "earnings.projection": (
        "Con la pipeline ponderata chiuderesti a {revenue} ({attainment} della quota) "
        "e guadagneresti circa {total}."
    ),
    "earnings.whatif.title": "E se · {what} · {period}",
    "earnings.whatif.attainment": (
        "Chiudere altri {amount} ti porta da {won} ({before}) a {after_won} ({after}) "
        "della tua quota di {quota}."
    ),
    "earnings.whatif.no_quota": "Chiudere altri {amount} ti porta da {won} a {after_won}.",
    "earnings.whatif.extra": "Sono *{extra}* di provvigioni in più:",
    "earnings.whatif.tier": "scaglione {number} ({rate}): {revenue} rendono {commission}",
    "earnings.whatif.spiff": "In più uno SPIFF di {amount} per {product}.",
    "earnings.whatif.crosses": "Così passi allo scaglione {number} ({rate}).",
    "earnings.whatif.same_tier": "Resteresti nello scaglione {number} ({rate}).",
    "earnings.whatif.total": "I compensi di {period} passerebbero da {before} a {after}.",
    "earnings.whatif.draw": (
        "Nel periodo di avvio l'anticipo garantisce {guarantee} finora: le provvigioni si "
        "aggiungono ai compensi quando lo superano."
    ),
    "earnings.whatif.unknown_deal": "Non trovo una trattativa aperta chiamata “{name}”.",
    "earnings.whatif.your_deals": "Le tue trattative aperte:",
    "earnings.whatif.no_deals": (
        "Non ci sono trattative aperte da scegliere; prova con un importo, "
        "come `earnings whatif 25000`."
    ),
    # -- pubblicazioni programmate: subscribe, unsubscribe, subscriptions --
    "subscribe.title": "Programmato",
    "subscribe.done": "{when} pubblicherò la {what} in questo canale (iscrizione {id}).",
    "subscribe.member": "Quotabot deve far parte di questo canale per pubblicarvi.",
    "subscribe.stop": "Scrivi `unsubscribe {id}` per fermarla.",
    "subscribe.what": "classifica per {metric}",
    "subscribe.what.team": "classifica per {metric} di {team}",
    "subscribe.not_here": (
        "Le pubblicazioni programmate vanno in un canale Slack o Teams: scrivi il comando "
        "nel canale che deve riceverle."
    ),
    "subscribe.contest": (
        "Le pubblicazioni di una gara nascono con la gara: scrivi qui `contest new ... post "
        "weekdays 09:00` e l'inizio, la classifica e i vincitori arriveranno in questo canale."
    ),
    "subscribe.unknown_kind": (
        "Posso pubblicare `leaderboard`, `report` e `celebrations`; `{word}` non è tra queste."
    ),
    "subscribe.bad_frequency": (
        "`{word}` non dice ogni quanto: scrivi `daily`, `weekdays`, oppure `weekly` e un "
        "giorno (`weekly lun 09:00`)."
    ),
    "subscribe.bad_day": (
        "`{word}` non è un giorno della settimana; usa lun, mar, mer, gio, ven, sab o dom."
    ),
    "subscribe.bad_time": "`{word}` non è un orario; scrivilo come `09:00`.",
    "subscribe.quiet": (
        "Le {time} sono in orario di silenzio: le pubblicazioni programmate escono solo "
        "tra le {start} e le {end}. Scegli un orario in mezzo."
    ),
    "subscribe.exists": "Questo canale riceve già quella pubblicazione (iscrizione {id}).",
    "when.daily": "Ogni giorno alle {time} ({zone})",
    "when.weekdays": "Ogni giorno feriale alle {time} ({zone})",
    "when.weekly": "Ogni {day} alle {time} ({zone})",
    "when.cron": "Secondo l'orario `{cron}` ({zone})",
    "subscriptions.title": "Pubblicazioni programmate in questo canale",
    "subscriptions.none": (
        "Questo canale non riceve pubblicazioni programmate. Prova "
        "`subscribe leaderboard weekdays 09:00`."
    ),
    "subscriptions.line": "*{id}.* La {what}. {when}; la prossima il {next}.",
    "subscriptions.stop": "Scrivi `unsubscribe NUMERO` per fermarne una.",
    "unsubscribe.title": "Iscrizione annullata",
    "unsubscribe.done": "L'iscrizione {id} è ferma: niente più {what} qui.",
    "unsubscribe.unknown": (
        "Questo canale non ha l'iscrizione {id}; `subscriptions` elenca quelle che ha."
    ),
    # -- pubblicazioni programmate: la classifica del giorno --
    "post.leaderboard.title": "Classifica del giorno · {metric} · {period}",
    "post.leaderboard.movers": "*Chi si è mosso di più da ieri*",
    "post.leaderboard.up": "▲ {name} sale di {places}",
    "post.leaderboard.down": "▼ {name} scende di {places}",
    "post.leaderboard.no_movers": "Nessuno ha cambiato posizione da ieri.",
    "post.as_of": "Dati all'ultimo aggiornamento dal CRM, {day} alle {time} ({zone}).",
    "post.as_of.none": "Non è ancora stata importata nessuna trattativa.",
    # -- pubblicazioni programmate: festeggiamenti delle trattative vinte --
    "post.celebration.title.one": "🎉 Una trattativa vinta",
    "post.celebration.title.other": "🎉 {count} trattative vinte",
    "post.celebration.line": "*{name}* ha vinto {deal}: *{amount}*",
    "post.celebration.deal_of": "{deal} ({account})",
    "post.celebration.more": "… e altre {count}. Complimenti!",
    # -- the daily digest of scheduled posts that did not go out (to admins) --
    "digest.title": "Post programmati non pubblicati",
    "digest.intro.one": "{count} post programmato dell'ultimo giorno non è stato consegnato:",
    "digest.intro.other": (
        "{count} post programmati dell'ultimo giorno non sono stati consegnati:"
    ),
    "digest.line": "`{job}` a {where}, previsto il {day} alle {time} (`--slot {slot}`): {reason}",
    "digest.more": "… e altri {count}.",
    "digest.what_to_do": (
        "Ogni riferimento è nel log del server con l'errore completo. Risolta la causa "
        "(Quotabot tolto da un canale, un token revocato, una piattaforma non configurata), "
        "ripubblicalo con `quotabot jobs run NOME --slot ORA`."
    ),
    "digest.state.failed": "non riuscito",
    "digest.state.pending": "mai completato: il server si è fermato",
    "digest.state.sending": "mai completato: il server si è fermato",
    "digest.state.skipped": "non inviato",
    "subscribe.celebrations.done": (
        "Festeggerò in questo canale ogni trattativa vinta appena viene importata "
        "(iscrizione {id}), tra le 07:00 e le 20:00 ({zone})."
    ),
    "subscribe.what.celebrations": "festeggiamenti delle trattative vinte",
    "when.as_won": "Appena le trattative vengono vinte ({zone})",
    "subscriptions.line.as_won": "*{id}.* I {what}. {when}.",
    # -- /report e la relazione programmata --
    "usage.report": "report [periodo] [team]",
    "help.report": (
        "la relazione del periodo: chi ha raggiunto la quota e chi no, vittorie, perdite, "
        "trattative slittate, previsione e andamento (manager)"
    ),
    "report.title": "Relazione · {whose} · {period}",
    "report.headline": (
        "*{won}* vinti su {quota} (*{attainment}*): {deals}, tasso di vittoria {win_rate}."
    ),
    "report.deals_won.one": "{count} trattativa vinta",
    "report.deals_won.other": "{count} trattative vinte",
    "report.trend": (
        "Rispetto a {previous}: {change} su {won}, raggiungimento {attainment}, "
        "trattative vinte {deals}."
    ),
    "report.to_date": "{period} allo stesso giorno",
    "report.points": "{sign}{value} punti",
    "report.deal": "{owner}, {deal}: {amount}",
    "report.more": "… e altre {count}",
    "report.none": "nessuna",
    "report.teams": "Per team",
    "report.team.line": "{team}: {won} su {quota} ({attainment})",
    "report.hit": "Quota raggiunta",
    "report.hit.line": "{name}: {attainment}",
    "report.hit.none": "ancora nessuno",
    "report.wins": "Le vittorie più grandi",
    "report.improved": "I più migliorati rispetto al periodo precedente",
    "report.improved.line": "{name}: {before} → {after} ({points})",
    "report.win_rate": (
        "*Miglior tasso di vittoria*: {names}, {rate} (tra chi ha chiuso almeno {minimum} "
        "trattative)."
    ),
    "report.missed": "Quota mancata",
    "report.short": "Sotto la quota finora",
    "report.missed.line": "{name}: mancano {short} ({attainment})",
    "report.lost.title": "Perse",
    "report.lost": "*Perse*: {deals} per {amount}, per fase in cui sono state perse:",
    "report.lost.stage": "{stage}: {deals}, {amount}",
    "report.stage_unknown": "fase non registrata",
    "report.lost.biggest": "La più grande: {deal}.",
    "report.slipped.title": "Slittate",
    "report.slipped": (
        "*Slittate*: {deals} per {amount}, con chiusura prevista in {period} e non avvenuta:"
    ),
    "report.slipped.line": "{deal}, prevista il {day}",
    "report.forecast": (
        "*Previsione*: commit {commit}, best case {best}, proiezione ponderata {weighted}, "
        "contro {won} vinti e una quota di {quota}."
    ),
    "report.pdf.title": "Relazione sui risultati",
    "report.pdf.cover": "{whose} · {period}",
    "report.pdf.span": "Dal {start} al {end}, dati al {day}; confronto con {previous}.",
    "report.pdf.won": "Fatturato vinto",
    "report.pdf.attainment": "Raggiungimento",
    "report.pdf.quota": "Quota",
    "report.pdf.deals_won": "Trattative vinte",
    "report.pdf.deals_lost": "Trattative perse",
    "report.pdf.win_rate": "Tasso di vittoria",
    "report.pdf.average_deal": "Trattativa media",
    "report.pdf.then": "{value} in {period}",
    "report.pdf.summary": (
        "{hit} su {people} hanno raggiunto la quota. Perse: {lost} per {lost_amount}. "
        "Slittate: {slipped} per {slipped_amount}."
    ),
    "report.pdf.page": "Pagina {page} di {pages}",
    "report.pdf.attainment_by_rep": "Raggiungimento per venditore",
    "report.pdf.attainment_note": (
        "Fatturato vinto rispetto alla quota. In arancione chi l'ha raggiunta; la linea "
        "tratteggiata è la quota."
    ),
    "report.pdf.quota_line": "Quota",
    "report.pdf.successes": "Successi",
    "report.pdf.failures": "Insuccessi",
    "report.pdf.rep": "Venditore",
    "report.pdf.value": "Ora",
    "report.pdf.then.head": "Prima",
    "report.pdf.change": "Variazione",
    "report.pdf.best_win_rate": "Miglior tasso di vittoria",
    "report.pdf.win_rate_line": "{name}: {rate} ({won} vinte su {closed} chiuse)",
    "report.pdf.win_rate_none": "Nessuno ha chiuso almeno {minimum} trattative.",
    "report.pdf.short": "Mancano",
    "report.pdf.slipped": "Trattative slittate: {amount}",
    "report.pdf.deal": "Trattativa",
    "report.pdf.amount": "Importo",
    "report.pdf.due": "Prevista il",
    "report.pdf.lost": "Perse, per fase in cui sono state perse: {amount}",
    "report.pdf.forecast": "Previsione e risultato",
    "report.pdf.actual": "Vinto",
    "report.pdf.commit": "Vinto + commit",
    "report.pdf.best_case": "+ best case",
    "report.pdf.weighted": "Proiezione ponderata",
    "report.pdf.forecast_note": (
        "La previsione delle trattative aperte secondo i dati del CRM al {day}: Quotabot non "
        "conserva lo storico delle previsioni."
    ),
    "report.pdf.trend": "Andamento rispetto a {previous}",
    "report.pdf.figures": "Dati",
    "report.pdf.won_by_rep": "Fatturato vinto per venditore",
    "subscribe.what.report": "relazione sui risultati",
    "subscribe.what.report.team": "relazione sui risultati di {team}",
    # -- pulsanti --
    "button.this_quarter": "Questo trimestre",
    "button.last_quarter": "Trimestre scorso",
    "button.pipeline": "Mostra la mia pipeline",
    "button.pipeline.theirs": "Mostra la pipeline",
    "button.post": "Pubblica nel canale",
    # -- errori --
    "error.not_allowed.title": "Dati riservati",
    "error.not_allowed": (
        "Mi spiace, i numeri di {name} sono riservati alla persona, ai suoi manager e agli "
        "admin. Prova `myquota` per i tuoi, o `leaderboard` per la classifica di tutti."
    ),
    "error.needs_manager": "Mi spiace, questo comando è per i manager. Scrivi `help` per i tuoi.",
    "error.needs_admin": (
        "Mi spiace, questo comando è per gli admin di Quotabot. Scrivi `help` per i tuoi."
    ),
    "error.bad_input.title": "Non ho capito",
    "error.period": "Non conosco il periodo `{value}`.",
    "error.period.forms": (
        "Prova `2026-Q4`, `2026-11`, `2026-W48`, `2026`, `2026-11-30`, `today`, "
        "`this-quarter`, `last-quarter`, `this-month` o un intervallo come "
        "`2026-10-01..2026-11-15`."
    ),
    "error.unknown_name": "Non trovo un team o una persona di nome «{value}».",
    "error.did_you_mean": "Intendevi {names}?",
    "error.valid_names": "I team sono:",
    "error.name": "Non ho capito a chi ti riferisci:",
    "error.unexpected.title": "Mi spiace, qualcosa è andato storto",
    "error.unexpected": (
        "Non sono riuscito a rispondere per un problema mio (riferimento `{reference}`)."
    ),
    "error.unexpected.next": (
        "Riprova tra un minuto; se succede ancora, manda il riferimento all'admin di Quotabot."
    ),
    "teams.answered_privately": "Ti ho risposto nella nostra chat personale.",
    "teams.cannot_answer_privately": (
        "Non posso ancora scriverti in privato: apri una chat con Quotabot e chiedi lì."
    ),
    # -- /contest --
    "usage.contest": (
        "contest [NUMERO] | contest new NOME PERIODO [metrica] [team|individual] "
        "[percent|value] [teams A,B|reps EMAIL,EMAIL] [post daily|weekdays|weekly GIORNO "
        "HH:MM] [prize TESTO] | contest remove NUMERO"
    ),
    "help.contest": "le gare in corso e in arrivo e la tua posizione; i manager le creano",
    "contest.title": "Gare",
    "contest.none": (
        "Nessuna gara in corso o in arrivo. I manager ne avviano una con `contest new`."
    ),
    "contest.heading.running": "*{name}* (gara {id}) · in corso fino al {end}",
    "contest.heading.upcoming": "*{name}* (gara {id}) · inizia il {start}",
    "contest.more": "Scrivi `contest NUMERO` per la classifica di una gara.",
    "contest.standing.you": "Sei *{rank}°* su {count}, con {value}.",
    "contest.standing.you.out": "Non partecipi a questa gara.",
    "contest.standing.you.no_target": (
        "Partecipi, ma non hai ancora un obiettivo per questi giorni: non sei in classifica."
    ),
    "contest.standing.team": "Il tuo team è *{rank}°* su {count}, con {value}.",
    "contest.standing.team.out": "Il tuo team non partecipa a questa gara.",
    "contest.standing.team.no_target": (
        "Il tuo team partecipa, ma non ha ancora un obiettivo per questi giorni: non è in "
        "classifica."
    ),
    "contest.what.individual.percent": (
        "I venditori gareggiano su {metric}, in percentuale del proprio obiettivo."
    ),
    "contest.what.individual.value": "I venditori gareggiano su {metric}.",
    "contest.what.team.percent": (
        "I team gareggiano su {metric}, in percentuale del proprio obiettivo."
    ),
    "contest.what.team.value": "I team gareggiano su {metric}.",
    "contest.when": "Dal {start} al {end}, compresi.",
    "contest.who.all_reps": "Partecipano tutti i venditori.",
    "contest.who.all_teams": "Partecipano tutti i team.",
    "contest.who": "Partecipano: {names}.",
    "contest.prize": "Premio: {prize}",
    "contest.ends": "La gara finisce il {day}.",
    "contest.unknown": "Non c'è una gara {id}; `contest` elenca quelle in corso e in arrivo.",
    "contest.bad_quotes": (
        "Una virgoletta non è chiusa: metti tra virgolette un nome di più parole."
    ),
    "contest.no_period": (
        "Di' quando si svolge la gara: un periodo come `2026-12` o un intervallo come "
        "`2026-12-01..2026-12-14`."
    ),
    "contest.created.title": "Gara creata",
    "contest.created": "*{name}* è la gara {id}.",
    "contest.created.posts": (
        "La annuncerò qui quando inizia, pubblicherò la classifica secondo il calendario "
        "indicato e annuncerò i vincitori alla fine."
    ),
    "contest.created.remove": "Scrivi `contest remove {id}` per annullarla.",
    "contest.removed.title": "Gara rimossa",
    "contest.removed": "*{name}* (gara {id}) è rimossa, con le sue pubblicazioni.",
    "contest.problem.no_name": "Dai un nome alla gara.",
    "contest.problem.name_taken": "C'è già una gara chiamata {name}; scegli un altro nome.",
    "contest.problem.ends_before_start": "Finisce ({end}) prima di iniziare ({start}).",
    "contest.problem.percent_not_for": (
        "{metric} si classifica solo per valore, non in percentuale dell'obiettivo; la "
        "percentuale vale per: {allowed}."
    ),
    "contest.problem.money_hidden": (
        "Qui le classifiche di {metric} non mostrano importi (privacy percent): classifica "
        "questa gara in percentuale."
    ),
    "contest.problem.prize_too_long": "Il premio è lungo {length} caratteri; al massimo {most}.",
    "contest.problem.unknown_team": "Non c'è un team chiamato {value}.",
    "contest.problem.parent_team": (
        "{team} ha dei team sotto di sé: una gara tra team classifica i team senza altri "
        "team sotto; indica quelli."
    ),
    "contest.problem.team_not_rep": "Una gara tra team è tra team: indica team, non {value}.",
    "contest.problem.unknown_rep": "Non c'è un venditore chiamato {value}; indica la sua email.",
    "contest.problem.ambiguous_rep": "Più venditori si chiamano {value}; indica la sua email.",
    "contest.problem.channel": "Le pubblicazioni non si possono programmare: {problem}.",
    "subscribe.what.contest": "pubblicazioni della gara {id}",
    # -- scheduled posts: contests --
    "contest.post.start": "Inizia la gara: {name}",
    "contest.post.good_luck": "Buona fortuna a tutti!",
    "contest.post.standings": "Classifica della gara · {name}",
    "contest.post.winners": "Vincitori della gara · {name}",
    "contest.post.congratulations": "Complimenti a *{names}*!",
    "contest.post.no_winner": "Nessuno in classifica: nessuno aveva un risultato e un obiettivo.",
    # -- punti e badge --
    "points.title.own": "I tuoi punti",
    "points.title": "Punti di {name}",
    "points.balance.one": "*{count}* punto in tutto.",
    "points.balance.other": "*{count}* punti in tutto.",
    "points.count.one": "{count} punto",
    "points.count.other": "{count} punti",
    "points.latest": "*Ultimi*",
    "points.none": "Ancora nessun punto: arrivano con le trattative vinte, le attività e i badge.",
    "points.per_person": "Punti e badge sono per persona: indica un venditore, non un team.",
    "points.line": "{day} · {what}: {amount}",
    "points.taken_back": "{what}, ripreso",
    "points.for_win": "trattativa vinta, {deal}",
    "points.for_band": "valore della trattativa, {deal}",
    "points.for_activity": "{kind} × {count}",
    "points.for_kudos": "complimenti da {giver} per {deal}",
    "points.for_badge": "badge {badge}",
    "badges.title.own": "I tuoi badge",
    "badges.title": "Badge di {name}",
    "badges.none": (
        "Ancora nessun badge: una prima vittoria, una tripletta o una serie ne porteranno uno."
    ),
    "badges.count.one": "{count} badge.",
    "badges.count.other": "{count} badge.",
    "badges.line": "🏅 {badge} · {day}",
    "badge.with_period": "{name} ({period})",
    "badge.days.one": "{count} giorno",
    "badge.days.other": "{count} giorni",
    "badge.first_win": "Prima vittoria",
    "badge.hat_trick": "Tripletta",
    "badge.big_deal": "Grande trattativa",
    "badge.quota_100": "Quota battuta 100%",
    "badge.quota_150": "Quota battuta 150%",
    "badge.win_streak": "Serie di vittorie",
    "badge.activity_streak": "Serie di attività",
    "badge.onboarding_meeting": "Primo incontro",
    "badge.onboarding_pipeline": "Prima trattativa in pipeline",
    "badge.onboarding_win": "Prima vittoria da nuovo assunto",
    "post.badges.title.one": "🏅 {count} nuovo badge",
    "post.badges.title.other": "🏅 {count} nuovi badge",
    "post.badges.line": "*{name}*: {badge} ({day})",
    "post.badges.more": "… e altri {count}.",
}
