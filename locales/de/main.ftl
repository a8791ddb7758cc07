# popshops Wörter auf Deutsch: dieselben ids wie ../en/main.ftl.

## Der Rahmen jeder Seite

skip-to-content = Zum Inhalt springen
nav-label = Hauptmenü
nav-new-drop = Neuer Drop
nav-dashboard = Übersicht
nav-log-out = Abmelden
nav-log-in = Anmelden
footer-tagline = popshop — vom Slogan zum Shirt-Shop in unter einer Minute.

## Was das Skript der Seite selbst schreibt

js-copied = Kopiert!
js-copy-link = Link kopieren
js-zoom = Bild in voller Größe
js-close = Schließen
js-goal-reached = Ziel erreicht —
js-buy-ended = Dieser Drop ist vorbei
js-buy-sold-out = Ausverkauft
js-preview-alt = Vorschau: T-Shirt mit dem Aufdruck „{"{slogan}"}“
js-look = Look:
js-local-time = (optional; deine Ortszeit)
js-sold = verkauft
js-time-left = {"{d}"} T. {"{h}"} Std.|{"{h}"} Std. {"{m}"} Min.|{"{m}"} Min. {"{s}"} Sek.|jetzt

## Zustand eines Drops

state-live = Live
state-sold-out = Ausverkauft
state-ended = Beendet

## Shirtfarben und Währungen

colour-white = Weiß
colour-black = Schwarz
colour-heather = Grau meliert
colour-navy = Marineblau
colour-red = Rot
colour-forest = Waldgrün
colour-sand = Sand
colour-pink = Rosa
colour-royal = Königsblau
colour-mustard = Senfgelb
currency-usd = US-Dollar ($)
currency-eur = Euro (€)
currency-gbp = Britisches Pfund (£)
currency-cad = Kanadischer Dollar (CA$)
currency-aud = Australischer Dollar (AU$)

## Restzeit und Lieferung

time-left-under-minute = unter einer Minute
time-left-minutes = { $m } Min.
time-left-hours = { $h } Std. { $m } Min.
time-left-days = { $d } T. { $h } Std.
delivery-days = { $min }–{ $max } Werktage
shipping-line-free = Kostenloser Versand · Lieferzeit { $days }
shipping-line = Versand { $cost } · Lieferzeit { $days }
shipping-free-rate = Kostenloser Versand
shipping-standard-rate = Standardversand

## Der Shop

view-front = Vorne
view-detail = Nahaufnahme
view-back = Hinten
view-hanger = Am Bügel
shop-picture-front = T-Shirt in { $colour }, vorne, mit dem Aufdruck „{ $slogan }“
shop-picture-detail = T-Shirt in { $colour }, Nahaufnahme des Aufdrucks „{ $slogan }“
shop-picture-back = T-Shirt in { $colour }, hinten: ohne Aufdruck
shop-picture-hanger = T-Shirt in { $colour } am Bügel, mit dem Aufdruck „{ $slogan }“
shop-meta-title = T-Shirt „{ $slogan }“ von { $artist }
shop-meta-description = { $price } · Größen { $sizes } · ein limitierter Drop von { $artist }.{ $left ->
        [none] {""}
       *[other] {" "}Nur { $left } Stück.
    }
shop-by = T-Shirt von { $artist }
shop-status = Stand des Drops
shop-sold = verkauft
shop-raised = eingenommen
shop-left = übrig
shop-ends-in = Endet in
shop-goal-reached = Ziel erreicht —
shop-goal = Ziel:
shop-goal-of = von { $goal } Shirts
shop-colour = Farbe
shop-size = Größe
shop-quantity = Anzahl
tax-incl-vat = inkl. MwSt.
tax-incl-gst = inkl. GST
tax-added = zzgl. Steuer beim Bezahlen
tax-demo = Steuer: berechnet Stripe in einem echten Shop (diese Demo berechnet keine).
tax-line-included = inkl. { $tax } Steuer
tax-column = Steuer
shop-pay-note = Sichere Bezahlung. Du zahlst { $price } pro Shirt; als Nächstes kommt deine Adresse.
shop-pay-note-shipping = Sichere Bezahlung. Du zahlst { $price } pro Shirt plus { $shipping } Versand pro Bestellung; als Nächstes kommt deine Adresse.
shop-buy = Kaufen — { $price }
shop-sold-out-note = Ausverkauft — jedes Shirt hat ein Zuhause gefunden.
shop-ended-note = Dieser Drop ist vorbei.
restock-label = Deine E-Mail-Adresse
restock-hint = Eine E-Mail, wenn eine neue Welle beginnt, sonst nichts.
restock-button = Sag mir, wenn es wieder da ist
restock-done = Du stehst auf der Liste: eine E-Mail, wenn es wieder da ist.
restock-invalid = Gib eine E-Mail-Adresse wie name@example.com ein.
restock-full = Die Liste für diesen Drop ist voll. Folge der Band, um davon zu hören.
shop-size-chart = Größentabelle
shop-size-chart-caption = Flach gemessen: Brust von Achsel zu Achsel, Länge von der Schulter abwärts.
shop-chest = Brustbreite
shop-length = Länge
shop-fabric-title = Stoff und Passform
shop-product-facts = { $product }: Größe und Material
shop-dimensions = { $width } × { $height } cm ({ $width_in } × { $height_in } Zoll)
product-facts-tee = 100 % gekämmte, ringgesponnene Baumwolle, 180 g/m², vorgewaschen. Unisex, normale Passform: Nimm deine übliche Größe, eine größer für einen lockeren Look. Auf links waschen bei 30 °C.
product-facts-hoodie = 80 % ringgesponnene Baumwolle und 20 % Polyester, 280 g/m², innen angeraut; gefütterte Kapuze mit Kordeln und eine Kängurutasche. Unisex, lockere Passform: Nimm deine übliche Größe. Auf links waschen bei 30 °C.
product-facts-longsleeve = 100 % gekämmte, ringgesponnene Baumwolle, 180 g/m², vorgewaschen, mit Rippbündchen. Unisex, normale Passform: Nimm deine übliche Größe, eine größer für einen lockeren Look. Auf links waschen bei 30 °C.
product-facts-tote = Schweres Baumwoll-Canvas, 340 g/m², mit zwei 60 cm langen Henkeln; trägt etwa 10 kg. Kalt waschen und liegend trocknen.
product-facts-poster = Mattes Museumspapier, 200 g/m², randlos bedruckt. Kommt gerollt in einer Versandröhre; ohne Rahmen.
product-facts-sticker = Konturgeschnittenes Vinyl mit mattem Laminat, entlang der Umrisse des Designs geschnitten: wasserfest, lichtecht und rückstandsfrei ablösbar.
shop-footer-before = Gemacht mit
shop-footer-after = — starte deinen eigenen Drop in einer Minute.
checkout-product = { $product } „{ $slogan }“{ $details }

## Das Formular für einen neuen Drop

studio-title = Ein T-Shirt-Drop in einer Minute
studio-title-check = Prüf deinen Drop
studio-heading = Dein Slogan auf einem Shirt, in einer Minute im Verkauf
studio-lede = Slogan eintippen, Look wählen, Starten drücken. Du bekommst sofort einen Shop zum Teilen.
studio-fix-fields = Einige Felder brauchen eine Korrektur — siehe die Hinweise unten. Nichts von dem, was du eingegeben hast, ist verloren.
studio-slogan = Slogan
studio-slogan-placeholder = Sei ein Freitagabend-Loser mit mir
studio-slogan-hint = Bis zu 80 Zeichen. Emoji und jede Sprache willkommen.
studio-ask-fans = Noch kein Spruch? Lass ihn deine Fans schreiben
studio-preview-alt = Vorschau: T-Shirt mit dem Aufdruck „{ $slogan }“
preview-placeholder = Dein Slogan hier
studio-look = Look
look-auto = Automatisch — passend zu deinem Slogan
studio-shuffle = Anderer Look
studio-preview = Vorschau
studio-artist = Name der Künstlerin, des Künstlers oder des Shops
studio-price = Preis pro Shirt
studio-currency = Währung
studio-sizes = Größen
studio-colours = Shirtfarben
studio-stock = Stückzahl
studio-optional = (optional)
studio-unlimited = Unbegrenzt
studio-max-per-order = Höchstens Shirts pro Bestellung
studio-goal = Verkaufsziel
studio-goal-hint = (optional, Shirts)
studio-goal-placeholder = z. B. 200
studio-ends = Verkaufsende
studio-ends-hint = (optional; deine Ortszeit, ohne JavaScript UTC)
studio-more = Versand, Beschreibung und Sprache
studio-more-hint = (optional: kostenloser Versand, Lieferung in 5–10 Werktagen)
studio-shipping = Versand pro Bestellung
studio-shipping-hint = (leer: kostenlos)
studio-free = Kostenlos
studio-delivery = Lieferung innerhalb von
studio-description = Ein paar Worte für Fans
studio-description-hint = (optional, bis zu 500 Zeichen)
studio-language = Sprache des Shops
studio-language-hint = Fans sehen Shop, Bezahlung und Dankesseite in dieser Sprache.
studio-account = Dein Konto
studio-account-hint = Neu hier? So legst du dein Konto an. Du hast schon eins? Gib E-Mail und Passwort ein oder melde dich zuerst an:
studio-account-log-in = anmelden
studio-launch = Starten
studio-too-many-launches = Aus deinem Netzwerk wurden zuletzt viele Drops gestartet. Nichts von dem, was du eingegeben hast, ist verloren — drück in { $minutes } { $minutes ->
        [one] Minute
       *[other] Minuten
    } noch einmal auf Starten.
studio-printful-colours = Printful druckt dieses Shirt in { $offered }. Nimm { $lacking } heraus, sonst könnte es nicht hergestellt werden.
studio-printful-sizes = Printful druckt dieses Shirt in jeder gewählten Farbe in { $offered }. Nimm { $lacking } heraus, sonst könnte es nicht hergestellt werden.
studio-wrong-password = Zu dieser E-Mail gibt es schon ein Konto, und das ist nicht sein Passwort. Gib das richtige Passwort ein oder melde dich zuerst an.

## Konten

account-email = E-Mail
account-password = Passwort
account-password-hint = (mindestens 8 Zeichen)

## Warum ein Feld abgelehnt wurde

error-slogan-empty = Gib einen Slogan für das Shirt ein.
error-slogan-too-long = Höchstens { $max } Zeichen für den Slogan (dieser hat { $count }).
error-slogan-control = Der Slogan enthält unsichtbare Steuer- oder Schreibrichtungszeichen; bitte tipp ihn neu.
error-slogan-marks = Ein Zeichen des Slogans trägt zu viele Akzente oder Zeichen, um gedruckt zu werden; bitte tipp ihn neu.
error-name-empty = Gib den Namen ein, unter dem dich deine Fans kennen.
error-name-control = Der Name enthält unsichtbare Steuerzeichen; bitte tipp ihn neu.
error-name-too-long = Höchstens 60 Zeichen für den Namen.
error-price-empty = Gib einen Preis ein, zum Beispiel 25,00.
error-price-number = Gib den Preis als Zahl ein, zum Beispiel 25,00.
error-price-range = Der Preis muss zwischen { $min } und { $max } liegen.
error-sizes-none = Wähl mindestens eine Größe.
error-sizes-unknown = „{ $size }“ ist keine Größe, die wir drucken. Wähl von XS bis 3XL.
error-colours-none = Wähl mindestens eine Shirtfarbe.
error-colours-unknown = „{ $colour }“ ist keine unserer Shirtfarben.
error-count-number = Gib eine ganze Zahl ein, zum Beispiel 200.
error-count-range = Gib eine Zahl von { $min } bis { $max } ein.
error-code-empty = Gib einen Code ein.
error-code-characters = Nur Buchstaben A–Z, Ziffern und Bindestriche.
error-code-length = Ein Code hat 3 bis 20 Zeichen.
error-discount-percent = Gib einen Prozentsatz von 1 bis 90 ein.
error-discount-amount = Gib einen Betrag wie 5 oder 4,50 ein.
error-discount-kind = Wähle Prozent oder einen Betrag.
error-description-control = Die Beschreibung enthält unsichtbare Steuerzeichen; bitte tipp sie neu.
error-description-too-long = Höchstens 500 Zeichen für die Beschreibung.
error-shipping-range = Der Versand muss zwischen { $min } und { $max } liegen (leer lassen für kostenlosen Versand).
error-shipping-number = Gib den Versand als Zahl ein, zum Beispiel 5,00, oder lass das Feld leer für kostenlosen Versand.
error-delivery = Wähl eine der angebotenen Lieferzeiten.
error-end-format = Gib das Ende als Datum und Uhrzeit ein, zum Beispiel 2026-12-31 20:00.
error-end-past = Das Ende muss in der Zukunft liegen.
error-end-too-far = Ein Drop läuft höchstens 90 Tage.
error-email-empty = Gib deine E-Mail-Adresse ein.
error-email-invalid = Gib eine E-Mail-Adresse wie name@example.com ein.
error-password-short = Wähl ein Passwort mit mindestens { $min } Zeichen.
error-password-long = Das Passwort darf höchstens { $max } Zeichen haben.
login-title = Anmelden
login-mismatch = E-Mail und Passwort passen zu keinem Konto. Prüf beides und versuch es noch einmal.
login-slow-down = Zu viele falsche Passwörter. Warte kurz und versuch es dann noch einmal.
login-new-here = Neu hier?
login-create-account = Konto anlegen
login-start-drop = Einen Drop starten (legt dein Konto unterwegs an)
signup-title = Dein Konto anlegen
signup-or-drop = Du kannst das auch überspringen: Das Formular für einen Drop legt dein Konto unterwegs an.
signup-button = Konto anlegen
signup-have-account = Du hast schon ein Konto?
signup-too-many = Aus deinem Netzwerk wurden zuletzt viele Konten angelegt. Bitte versuch es später noch einmal.
signup-taken = Zu dieser E-Mail gibt es schon ein Konto. Melde dich stattdessen an.

## Nach dem Bezahlen

picture-alt = T-Shirt mit dem Aufdruck „{ $slogan }“
order-item = { $quantity } × { $product } „{ $slogan }“{ $details }
thanks-title = Danke!
thanks-number = Du bist Nr. { $number }
thanks-paid = Deine Bestellung ist bezahlt.
thanks-receipt = Deine Bestätigungs-E-Mail geht an { $email }.
thanks-processing = Zahlung wird bearbeitet …
thanks-pending-note = Wir warten auf die Bestätigung der Zahlung. Diese Seite lädt sich von selbst neu.
thanks-processing-note = Deine Bank bestätigt die Zahlung; bei manchen Zahlungsarten dauert das etwas. Dein Shirt ist reserviert. Diese Seite lädt sich von selbst neu.
thanks-refunded = Erstattet
thanks-refunded-note = Diese Bestellung wurde vollständig erstattet.
thanks-sold-out = Leider ausverkauft
thanks-sold-out-note = Deine Zahlung kam an, nachdem das letzte Shirt weg war. Wir erstatten sie vollständig.
thanks-disputed = Zahlung angefochten
thanks-disputed-note = Deine Bank hat uns mitgeteilt, dass diese Zahlung angefochten ist. Die Bank entscheidet; bis dahin wird das Geld zurückgehalten. War es ein Versehen, sag es deiner Bank und dem Shop (unten).
thanks-dispute-lost = Zahlung von deiner Bank zurückgeholt
thanks-dispute-lost-note = Nach der Anfechtung hat deine Bank dir diese Zahlung zurückgegeben.
thanks-not-completed = Bezahlung nicht abgeschlossen
thanks-not-completed-note = Diese Bezahlung ist abgelaufen oder wurde abgebrochen; es wurde nichts abgebucht.
thanks-order = Bestellung
thanks-total = Summe
back-to-shop = Zurück zum Shop
cancelled-title = Bezahlung nicht abgeschlossen
cancelled-held = Es wurde nichts abgebucht. Deine Shirts bleiben noch etwa { $minutes } { $minutes ->
        [one] Minute
       *[other] Minuten
    } für dich reserviert, dann gehen sie zurück in den Verkauf.
cancelled-back-to-payment = Zurück zur Bezahlung
cancelled-put-back = Shirts zurücklegen und zum Shop

## Kaufen

buy-pick-size = Wähl eine Größe.
buy-pick-colour = Wähl eine Shirtfarbe.
buy-pick-product = Wähl ein Produkt.
buy-one-per-order = Bei diesem Drop gibt es ein Shirt pro Bestellung.
buy-quantity = Wähl, wie viele Shirts: 1 bis { $most } pro Bestellung.
buy-cart-full = Ein Warenkorb fasst höchstens { $most } verschiedene Artikel: Bestell zuerst, oder nimm einen heraus.
buy-product-sold-out = Schade, { $product } ist gerade ausverkauft. Wähle etwas anderes oder bestelle ohne.
buy-product-only-left = Nur noch { $left } × { $product } übrig: Wähle höchstens { $left } davon.
buy-only-left = Nur noch { $left } übrig — wähl { $left } oder weniger und versuch es noch einmal.
confirm-title = Bestellung bestätigen
confirm-why = Dein Browser hat nicht gesagt, von welcher Seite diese Bestellung kommt, darum fragen wir noch einmal, bevor wir deine Shirts reservieren.
confirm-continue = Weiter zur Bezahlung
problem-sold-out = Ausverkauft
problem-sold-out-note = Alle Shirts dieses Drops sind weg. Sorry!
problem-ended = Dieser Drop ist vorbei
problem-ended-note = Der Verkauf für diesen Drop ist beendet.
problem-slow-down = Etwas langsamer, bitte
problem-slow-down-note = Du hast in kurzer Zeit viele Bezahlungen gestartet. Versuch es in { $seconds } { $seconds ->
        [one] Sekunde
       *[other] Sekunden
    } noch einmal.
problem-holds = Du hast offene Bezahlungen
problem-holds-note = Ein Fan darf { $open } Shirts dieses Drops in offenen Bezahlungen halten, und deine Bestellung ginge darüber. Bezahl zuerst oder warte { $minutes } Minuten, bis sie verfallen, damit andere Fans auch eine Chance auf die Shirts haben.
problem-payment = Wir konnten die Bezahlung nicht starten
problem-refused-note = Der Zahlungsdienst des Shops hat diese Bezahlung nicht angenommen; es wurde nichts abgebucht und deine Shirts sind wieder im Verkauf. Die Künstlerin oder der Künstler sieht den Grund; bitte versuch es später noch einmal.
problem-unavailable-note = Der Zahlungsdienst antwortet gerade nicht. Es wurde nichts abgebucht — bitte versuch es in einer Minute noch einmal.
demo-title = Demo-Kasse
demo-banner-strong = Demo-Kasse — es fließt kein Geld.
demo-banner = popshop läuft ohne Stripe-Schlüssel, darum steht diese Seite für Stripe Checkout. Es wird nichts abgebucht.
demo-by = von { $artist }
demo-pay = { $amount } bezahlen
demo-missing = Einige Angaben fehlen — siehe unten.
demo-email = E-Mail für die Quittung
demo-address = Lieferadresse
demo-name = Vollständiger Name
demo-street = Straße und Hausnummer
demo-line2 = Adresszusatz
demo-postal-code = Postleitzahl
demo-city = Ort
demo-region = Bundesland / Region
demo-country = Ländercode
demo-card-legend = Karte (Demo: jeder Wert geht)
demo-card = Kartennummer
demo-cancel = Abbrechen und zurück
demo-error-email = Gib eine E-Mail-Adresse für die Quittung ein.
demo-error-name = Gib den Namen für das Paket ein.
demo-error-street = Gib Straße und Hausnummer ein.
demo-error-postal-code = Gib die Postleitzahl ein.
demo-error-city = Gib den Ort ein.
demo-error-country = Wähl ein Land.
demo-failed = Die Demo-Zahlung ist fehlgeschlagen
demo-failed-note = Bitte versuch es noch einmal.

## Die Seiten der Künstlerin, des Künstlers

dashboard-title = Deine Drops
dashboard-signed-in = Angemeldet als { $email }
dashboard-empty = Noch keine Drops.
dashboard-launch-first = Starte deinen ersten — es dauert eine Minute.
dashboard-drops = Drops
dashboard-shirts-sold = Verkaufte Shirts
dashboard-drop = Drop
share-text = „{ $slogan }“ — mein neuer T-Shirt-Drop. Hol dir deins:
drop-live-strong = Dein Drop ist live!
drop-live = Teil den Link unten — Fans können ihn auf jedem Handy öffnen.
drop-refunded = Die Bestellung wurde erstattet und die Summen aktualisiert.
drop-attention = Braucht deine Aufmerksamkeit
drop-sold = Verkauft
drop-revenue = Umsatz
drop-left = Übrig
drop-goal = Ziel
drop-goal-shirts = { $count } Shirts
drop-no-goal = Kein Ziel gesetzt
drop-price = Preis
drop-ends = Endet
drop-paid-orders = Bezahlte Bestellungen
drop-average-order = Durchschnittliche Bestellung
drop-conversion = Abschlussrate
drop-percent = { $value } %
drop-of-checkouts = von { $count } gestarteten Bezahlungen
drop-chart = Verkäufe im Zeitverlauf
drop-chart-empty = Noch keine Verkäufe — die Grafik beginnt mit dem ersten verkauften Shirt. Teil den Link oben, um loszulegen.
drop-chart-hint = ({ $buckets }, Spitze { $peak })
drop-chart-label = Verkaufte Shirts { $buckets }
drop-time = Zeit
chart-per-minute = pro Minute, erste Stunde
chart-per-hour = pro Stunde
chart-bar = { $at } — { $count } Shirts
drop-public-link = Öffentlicher Link
drop-open-storefront = Shop öffnen
drop-obs = Streamst du den Drop? Füg einen Live-Ticker als Browserquelle in OBS hinzu:
drop-obs-public = der öffentliche Ticker
drop-obs-private = dein privater mit dem eingenommenen Geld
drop-share = Teilen
drop-share-on = Auf { $site } teilen
drop-share-more = Weitere Möglichkeiten zum Teilen …
drop-qr-alt = QR-Code, der { $link } öffnet
drop-qr-download = QR-Code herunterladen (SVG)
drop-raised-shown = Fans sehen das eingenommene Geld.
drop-raised-hide = Eingenommenes Geld verbergen
drop-raised-hidden = Fans sehen Stückzahlen, kein Geld.
drop-raised-show = Eingenommenes Geld den Fans zeigen
drop-print = Dateien für deine Druckerei
drop-print-note = Nur das Motiv auf einer transparenten Fläche von 12×16 Zoll. Die Farbe passt zur jeweiligen Shirtfarbe.
drop-print-colour = Shirts in { $colour }:
drop-print-svg = SVG (Text in Pfaden)
drop-print-png = PNG, 300 DPI
drop-ended-note = Dieser Drop ist vorbei; der Shop zeigt das den Fans.
drop-share-first = Teile deinen Drop
drop-end-heading = Drop beenden
drop-end-lede = Beenden stoppt den Verkauf sofort, und der Shop sagt es den Fans. Du kannst später eine zweite Welle öffnen.
drop-end-confirm = Diesen Drop jetzt beenden? Fans können dann nichts mehr kaufen.
drop-end = Drop jetzt beenden
drop-variants = Nach Größe und Farbe
drop-orders = Bestellungen
drop-export-orders = Bezahlte Bestellungen exportieren (CSV)
drop-export-sheet = Summen nach Größe × Farbe (CSV)
drop-no-orders = Noch keine bezahlten Bestellungen. Teil den Link — die erste erscheint hier.
orders-number = Nr.
orders-items = Artikel
orders-amount = Betrag
orders-status = Status
orders-ship-to = Lieferung an
orders-actions = Aktionen
orders-demo-title = In der Demo-Kasse bezahlt: es ist kein Geld geflossen
orders-refund = Erstatten
order-status-pending = Wartet auf Zahlung
order-status-processing = Zahlung in Bearbeitung
order-status-paid = Bezahlt
order-status-expired = Abgelaufen
order-status-cancelled = Abgebrochen
order-status-failed = Zahlung fehlgeschlagen
order-status-refund-due = Erstattung fällig
order-status-refunded = Erstattet
order-status-disputed = Bei der Bank angefochten
order-status-dispute-lost = Anfechtung verloren
end-title = Diesen Drop beenden?
end-heading = Diesen Drop jetzt beenden?
end-message = Fans können dann nichts mehr kaufen. Bereits bezahlte Bestellungen bleiben.
end-button = Drop jetzt beenden
end-keep-selling = Weiter verkaufen
refund-title = Diese Bestellung erstatten?
refund-heading = Diese Bestellung vollständig erstatten?
refund-the-buyer = die Käuferin oder der Käufer
refund-message = Bestellung { $order } ({ $buyer }): Das Geld geht vollständig zurück.
refund-button = Vollständig erstatten
back-to-drop = Zurück zum Drop
refund-failed = Die Erstattung hat nicht geklappt
refund-shipped = Diese Bestellung ist verschickt, die Shirts kommen also zuerst zurück: Wenn der Fan sie zurückgeschickt hat, markiere die Bestellung in der Produktion als zurückgeschickt und erstatte sie dann.
refund-refused = Der Zahlungsanbieter hat die Erstattung abgelehnt: „{ $why }“. Die Bestellung ist unverändert.
refund-unavailable = Der Zahlungsanbieter antwortet gerade nicht. Die Bestellung ist unverändert; versuch es in einer Minute noch einmal.

## Das Stream-Overlay

overlay-title = Live:
overlay-goal-reached = Ziel erreicht! 🎉
overlay-milestone = {"{n}"} verkauft! 🔥

## Die Teilen-Karte

card-by = von { $artist }
studio-meta-description = Slogan eintippen, Look wählen, Starten drücken: In unter einer Minute ist ein T-Shirt-Shop mit Stripe-Bezahlung, Teilen-Karte und QR-Code online.

## Fehlerseiten

error-not-found = Hier ist nichts
error-not-found-note = Diese Seite oder dieser Drop existiert nicht. Prüf den Link oder starte deinen eigenen Drop.
error-csrf = Dieses Formular ist abgelaufen
error-csrf-note = Zu deiner Sicherheit konnten wir es nicht annehmen. Geh zurück, lade die Seite neu und schick das Formular noch einmal.
error-too-large = Das war zu viel
error-too-large-note = Das gesendete Formular ist größer, als wir annehmen (64 KiB).
error-bad-request = Das konnten wir nicht lesen
error-bad-request-note = Der Link oder das Formular war fehlerhaft. Geh zurück und versuch es noch einmal.
error-busy = Gerade ist sehr viel los
error-busy-note = Gerade melden sich sehr viele Leute an. Geh zurück und schick das Formular in ein paar Sekunden noch einmal — es wurde noch nichts gespeichert.
error-crowded = Gerade sind sehr viele Leute hier
error-crowded-note = popshop bedient gerade so viele Leute, wie es kann. Versuch es in ein paar Sekunden noch einmal — es ist nichts verloren gegangen.
error-slow = Das hat zu lange gedauert
error-slow-note = Das Formular kam zu langsam an, deshalb haben wir aufgehört zu warten und nichts gespeichert. Prüf deine Verbindung und schick es noch einmal.
error-too-many = Zu viele Versuche
error-too-many-note = Bitte warte kurz, bevor du es noch einmal versuchst. Geh zurück, wenn die Wartezeit vorbei ist; es wurde noch nichts gespeichert.
error-internal = Bei uns ist etwas schiefgelaufen
error-internal-note = Nichts, was du eingegeben hast, ist absichtlich verloren gegangen — bitte versuch es gleich noch einmal.
error-reference = Wenn es wieder passiert, nenn diese Nummer:
error-start-drop = Einen Drop starten

## Offene Aufrufe: Fans schreiben den Slogan

call-new-title = Frag deine Fans nach dem Slogan
call-new-heading = Frag deine Fans nach dem Slogan
call-new-lede = Fans schicken Ideen, jede als Shirt gezeigt, und stimmen ab. Starte die Gewinnerin als Drop.
call-question = Deine Frage an die Fans
call-question-placeholder = Was soll auf dem Freitagabend-Shirt stehen?
call-hours = Offen für (Stunden)
call-look-auto = Jede Idee wählt ihren eigenen Look
call-colour = Shirt-Farben
call-colour-hint = Ideen werden auf der ersten gewählten Farbe dieser Liste gezeigt; der Drop bietet alle an.
call-language = Sprache der Aufrufseite
call-open = Aufruf starten
call-by = Ein Aufruf von { $artist }
call-open-badge = Offen für Ideen
call-ends-in = endet in { $left }
call-closed = Dieser Aufruf ist beendet. Danke an alle, die Ideen geschickt und abgestimmt haben.
call-sent = Danke — deine Idee ist auf der Liste, mit deiner Stimme.
call-merged = Jemand hatte dieselbe Idee — deine Stimme ging an sie.
call-idea = Deine Idee für das Shirt
call-credit = Dein Name für die Nennung
call-send = Meine Idee schicken
call-board = Ideen
call-top = Meiste Stimmen
call-new = Neu
call-no-ideas = Noch keine Ideen. Sei die oder der Erste!
call-credited = von { $name }
call-votes = { $count ->
        [one] 1 Stimme
       *[other] { $count } Stimmen
    }
call-pinned = Von der Künstlerin, dem Künstler angeheftet
call-vote = Dafür stimmen
call-vote-back = Meine Stimme zurücknehmen
call-too-many-ideas = Du hast { $max } Ideen an diesen Aufruf geschickt — mehr geht pro Fan nicht. Stimm stattdessen für deine Favoriten!
call-full = Dieser Aufruf hat { $max } Ideen, mehr passen nicht. Stimm stattdessen für deine Favoriten!
call-slow-down = Gerade kamen viele Ideen aus deinem Netzwerk. Nichts von dem, was du eingegeben hast, ist verloren — schick sie in { $seconds } { $seconds ->
        [one] Sekunde
       *[other] Sekunden
    } noch einmal.
error-credit-too-long = Höchstens 40 Zeichen für den Namen.
call-vote-counted = Stimme gezählt.
call-vote-taken-back = Stimme zurückgenommen.
call-owner-send = Selbst eine Idee hinzufügen
call-winner = ★ Daraus wurde das Shirt
call-became = Daraus wurde ein Shirt!
call-buy-it = Jetzt kaufen
call-owner-note = Dein Aufruf: Ideen verbergen oder anheften, eine als Drop starten.
call-end = Aufruf jetzt beenden
call-end-heading = Diesen Aufruf jetzt beenden?
call-end-message = Fans können dann keine Ideen mehr schicken und nicht mehr abstimmen. Die Liste bleibt.
call-keep-open = Offen lassen
call-hidden = Für Fans verborgen
call-hide = Verbergen
call-show = Wieder zeigen
call-pin = Anheften
call-unpin = Lösen
call-launch-this = Als Drop starten
studio-from-idea = Du startest die Idee eines Fans aus deinem Aufruf: Der Shop nennt den Fan und verlinkt den Aufruf.
shop-from-fan = Slogan von { $name }, gewählt von { $votes ->
        [one] 1 Fan
       *[other] { $votes } Fans
    }
shop-from-fans = Slogan gemeinsam mit den Fans geschrieben, gewählt von { $votes ->
        [one] 1 Fan
       *[other] { $votes } Fans
    }
call-card-badge = Schick deine Idee
call-meta-description = Ein Aufruf von { $artist }: Schick deine Idee für das Shirt und stimm für deine Favoriten.
dashboard-calls = Deine Aufrufe für Slogans

## Auszahlungen über Stripe Connect
payouts-title = Auszahlungen
payouts-back = ← Deine Drops
payouts-lede = Fans zahlen per Karte auf der Seite von Stripe; das Geld geht auf dein eigenes Stripe-Konto, und Stripe zahlt es auf dein Bankkonto aus.
payouts-fee = popshop behält { $fee } jeder Bestellung (Shirts und Versand); der Rest gehört dir.
payouts-fee-none = popshop behält nichts von deinen Verkäufen.
payouts-not-connected = Verbinde ein Stripe-Konto, um Zahlungen anzunehmen. Bis dahin sagen deine Shops den Fans, dass Bestellungen bald möglich sind.
payouts-connect = Mit Stripe verbinden
payouts-continue = Weiter bei Stripe
payouts-needs = Stripe braucht noch:
payouts-needs-why = Stripe fragt danach, um Zahlungen für dich anzunehmen und dir auszuzahlen; popshop sieht diese Angaben nie.
payouts-need-bank-account = deine Bankverbindung für Auszahlungen
payouts-need-terms = deine Zustimmung zu den Bedingungen von Stripe
payouts-need-identity = Angaben zu deiner Person, um zu bestätigen, wer du bist
payouts-need-business = ein paar Angaben dazu, was du verkaufst
payouts-need-other = noch ein paar Angaben
payouts-under-review = Stripe prüft deine Angaben. Das dauert meist ein paar Minuten.
payouts-check-again = Erneut prüfen
payouts-taking-payments = Nimmt Zahlungen an
payouts-paused = Stripe hält deine Auszahlungen zurück, bis deine Bankverbindung vorliegt und geprüft ist.
payouts-ready = Deine Drops nehmen Zahlungen an, und Stripe zahlt sie auf dein Bankkonto aus.
payouts-account = Stripe-Konto { $account }
payouts-refused = Stripe hat die Einrichtung der Auszahlungen abgelehnt: { $reason } Es wurde nichts geändert; bitte versuch es später noch einmal.
payouts-unavailable = Stripe hat nicht geantwortet. Es wurde nichts geändert; bitte versuch es in einer Minute noch einmal.
payouts-off = Dieses popshop nimmt Zahlungen auf seinem eigenen Stripe-Konto an (oder läuft mit der Demo-Kasse), daher gibt es keine Auszahlungen einzurichten.
dashboard-payouts-due = Deine Drops können keine Zahlungen annehmen, bis du ein Stripe-Konto verbindest.
dashboard-payouts-link = Auszahlungen einrichten
drop-gross = Fans haben bezahlt
drop-fees = Gebühr von popshop
drop-net = Für dich
shop-not-taking-payments = Bestellungen bald möglich: Die Künstlerin oder der Künstler richtet gerade die Zahlungen ein.
problem-not-taking-payments = Bestellungen bald möglich
problem-not-taking-payments-note = Für diesen Shop werden gerade die Zahlungen eingerichtet. Es wurde nichts berechnet; schau bald wieder vorbei.

## Eine zweite Welle
reopen-heading = Eine zweite Welle öffnen
reopen-lede = Verkauf noch einmal unter demselben Link: Fans, die ihn öffnen, sehen den Shop wieder live, und deine Bestellungen und Summen laufen weiter.
reopen-add-stock = Weitere Shirts
reopen-hours = Geöffnet für (Stunden)
reopen-hours-hint = Leer lassen, um zu verkaufen, bis du den Drop beendest.
reopen-price = Neuer Preis
reopen-price-hint = Leer lassen, um { $price } zu behalten.
reopen-button = Neue Welle öffnen
reopen-done = Welle { $number } ist live: Der Shop verkauft wieder.
drop-wave = Welle { $number }
drop-waves-legend = Gestrichelte Linien zeigen, wo eine neue Welle begann:

## Rabattcodes
promo-label = Code { $code }: { $off } Rabatt pro Shirt
promo-unknown = Dieser Code gilt für diesen Drop nicht: Prüf die Schreibweise oder kauf ohne ihn.
promo-too-many-tries = Zu viele Codes probiert. Warte eine Minute oder kauf ohne Code.
promo-applied = { $label } — { $price } pro Shirt statt { $was }.
shop-promo = Rabattcode
shop-price-was = Vorher
shop-price-now = jetzt
shop-promo-apply = Code anwenden
promos-heading = Rabattcodes
promos-lede = Fans geben einen Code im Shop ein; der Rabatt gilt pro Shirt (nicht für den Versand).
promos-none = Noch keine Codes.
promos-code = Code
promos-discount = Rabatt
promos-kind-percent = Prozent
promos-kind-amount = Betrag pro Shirt
promos-value = Wie viel
promos-value-hint = 20 für 20 %, oder ein Betrag wie 5.
promos-max-uses = Höchstens so oft
promos-max-uses-hint = Leer lassen für unbegrenzt.
promos-hours = Endet in (Stunden)
promos-hours-hint = Leer lassen, damit er weiterläuft.
promos-scope = Gilt für
promos-scope-drop = diesen Drop
promos-scope-all = alle meine Drops
promos-create = Code anlegen
promos-created = Der Code { $code } ist bereit.
promos-taken = Du hast schon einen Code namens { $code }.
promos-uses = { $uses } von { $max } benutzt
promos-uses-unlimited = { $uses } benutzt, unbegrenzt
promos-ends = endet { $when }
promos-ended = abgelaufen
promos-all-drops = alle Drops
promos-this-drop = dieser Drop
demo-discount = Code { $code }: −{ $amount }

## Welcher Link verkauft hat
sources-heading = Woher die Fans kamen
sources-lede = Jeder Teilen-Link, QR-Code und kopierte Link trägt seine Quelle; häng ?ref=irgendwas an deine eigenen Links (etwa für einen Newsletter). Jeder Besuch zählt einmal.
sources-none = Noch keine Besuche.
sources-source = Quelle
sources-visits = Besucher
source-share = Teilen-Menü am Handy
source-qr = QR-Code
source-link = Kopierter Link
source-direct = Direkt (keine Quelle)
drop-payouts-due = Fans sehen diesen Drop, aber er kann keine Zahlungen annehmen, bis du ein Stripe-Konto verbindest; seine Seite sagt ihnen, dass Bestellungen bald möglich sind.

## Mail an Fans (issue 14)
mail-order-subject = Deine Bestellung Nr. { $number }: „{ $slogan }“
mail-order-heading = Danke, deine Bestellung ist bezahlt
mail-order-code = Code { $code }: −{ $amount }
mail-order-ship-to = Lieferadresse
mail-order-reference = Bestellnummer { $reference }
mail-order-shop = Zurück zum Shop von { $artist }
mail-order-footer = Du bekommst diese E-Mail, weil du in diesem Shop auf popshop gekauft hast.
mail-refund-subject = Erstattet: deine Bestellung Nr. { $number }
mail-refund-heading = Deine Bestellung wurde erstattet
mail-refund-amount = Erstattet
mail-refund-note = Das Geld geht zurück auf die Karte oder das Konto, mit dem du bezahlt hast; deine Bank braucht dafür eventuell 5–10 Werktage.
mail-order-page = Deine Bestellung ansehen
mail-account-footer = Du bekommst diese E-Mail, weil jemand sie mit dieser Adresse auf popshop angefordert hat. Warst du es nicht, ignoriere sie einfach: Es ändert sich nichts.
mail-confirm-subject = Bestätige deine E-Mail-Adresse für popshop
mail-confirm-heading = Bestätige deine E-Mail-Adresse
mail-confirm-body = Bestätige, dass diese Adresse dir gehört. Bis dahin warten Auszahlungen und E-Mails zu deinen Drops; deine Drops verkaufen wie gewohnt.
mail-confirm-button = Meine E-Mail-Adresse bestätigen
mail-confirm-after = Der Link gilt 3 Tage.
mail-reset-subject = Setze dein popshop-Passwort zurück
mail-reset-heading = Passwort zurücksetzen
mail-reset-body = Jemand möchte das Passwort deines popshop-Kontos zurücksetzen. Wähle mit dem Link unten ein neues; danach wird jedes angemeldete Gerät abgemeldet.
mail-reset-button = Neues Passwort wählen
mail-reset-after = Der Link gilt einmal, 60 Minuten lang. Hast du ihn nicht angefordert, ignoriere diese E-Mail: Dein Passwort bleibt, wie es ist.
mail-change-subject = Bestätige deine neue E-Mail-Adresse für popshop
mail-change-heading = Bestätige deine neue E-Mail-Adresse
mail-change-body = Dein popshop-Konto möchte ab jetzt diese Adresse verwenden. Bestätige sie, dann zieht dein Konto um.
mail-change-button = Diese Adresse verwenden
mail-change-after = Der Link gilt einen Tag.
mail-changed-subject = Deine popshop-E-Mail-Adresse wurde geändert
mail-changed-heading = Deine E-Mail-Adresse wurde geändert
mail-changed-body = Dein popshop-Konto verwendet ab jetzt eine neue E-Mail-Adresse, und an diese schicken wir nichts mehr. Warst du das nicht, setze sofort auf der Anmeldeseite dein Passwort zurück.
mail-artist-footer = Du bekommst diese E-Mail zu deinen Drops auf popshop. Jede Art kannst du in deinem Dashboard ein- und ausschalten.
mail-artist-sold = Verkaufte Shirts
mail-artist-raised = Eingenommen
mail-artist-goal = Ziel
mail-artist-drop = Deinen Drop öffnen
mail-artist-dashboard = Dein Dashboard öffnen
mail-restock-subject = „{ $slogan }“ ist wieder da
mail-restock-heading = „{ $slogan }“ ist wieder da
mail-restock-body = Du wolltest wissen, wann { $artist } wieder „{ $slogan }“ hat. Gerade hat eine neue Welle begonnen: Hol dir deins, bevor es wieder ausverkauft ist.
mail-restock-price = Preis
mail-restock-left = Shirts in dieser Welle
mail-restock-button = Hol dir deins
mail-restock-footer = Du bekommst diese eine E-Mail, weil du deine Adresse bei diesem Drop hinterlassen hast. Wir schreiben dir nicht noch einmal dazu, und deine Adresse ist von der Liste gelöscht.
mail-shipped-subject = Dein Shirt ist unterwegs: Bestellung Nr. { $number }
mail-shipped-heading = Dein Shirt ist unterwegs
mail-shipped-carrier = Verschickt mit { $carrier }, Sendungsnummer { $tracking }
mail-shipped-track = Sendung verfolgen
mail-dispute-opened-subject = Eine Zahlung wurde angefochten: Bestellung { $number }
mail-dispute-opened-heading = Ein Fan hat eine Zahlung angefochten
mail-dispute-opened-body = Wer Bestellung { $number } („{ $slogan }“) gekauft hat, hat die Bank gebeten, die bezahlten { $money } zurückzuholen. Stripe hält das Geld zurück, bis die Bank entscheidet, und es zählt nicht mehr zu den Einnahmen deines Drops. Antworte mit deinen Belegen (Bestellung, Adresse und, sobald verschickt, die Sendungsnummer) in deinem Stripe-Dashboard vor der Frist, die Stripe nennt.
mail-dispute-closed-subject = Anfechtung entschieden: Bestellung { $number }
mail-dispute-won-heading = Du hast die Anfechtung gewonnen
mail-dispute-won-body = Die Bank hat bei Bestellung { $number } („{ $slogan }“) für dich entschieden: Die { $money } zählen wieder zu den Einnahmen deines Drops.
mail-dispute-lost-heading = Die Anfechtung ist verloren
mail-dispute-lost-body = Die Bank hat bei Bestellung { $number } („{ $slogan }“) für die Käuferin oder den Käufer entschieden: Die { $money } gingen zurück und zählen nicht zu den Einnahmen deines Drops.
mail-dispute-footer = Du bekommst diese E-Mail, weil es um Geld eines deiner Drops geht; sie lässt sich nicht abschalten.
mail-first-sale-subject = Erster Verkauf: „{ $slogan }“
mail-first-sale-heading = Dein erster Verkauf!
mail-first-sale-body = Gerade hat jemand „{ $slogan }“ gekauft. Teile den Link noch einmal, solange es heiß ist.
mail-goal-reached-subject = Ziel erreicht: „{ $slogan }“
mail-goal-reached-heading = Du hast dein Ziel erreicht
mail-goal-reached-body = „{ $slogan }“ hat so viele Shirts verkauft, wie du wolltest. Der Drop verkauft weiter, bis er endet oder ausverkauft ist.
mail-sold-out-subject = Ausverkauft: „{ $slogan }“
mail-sold-out-heading = Ausverkauft
mail-sold-out-body = Jedes Shirt von „{ $slogan }“ ist verkauft. Auf der Seite deines Drops kannst du eine zweite Welle öffnen.
mail-drop-ended-subject = Dein Drop ist zu Ende: „{ $slogan }“
mail-drop-ended-heading = Dein Drop ist zu Ende
mail-drop-ended-body = „{ $slogan }“ ist geschlossen. So lief es; die Bestellungen sind bereit für den Druck.
mail-drop-ended-csv = Bestellungen (CSV)
mail-digest-subject = Deine Verkäufe am { $date }
mail-digest-heading = Deine Verkäufe am { $date }
mail-digest-line = { $shirts } Shirts in { $orders } Bestellungen, { $money }
mail-unsubscribe-first-sale = Keine E-Mails zum ersten Verkauf mehr
mail-unsubscribe-goal-reached = Keine E-Mails zum Ziel mehr
mail-unsubscribe-sold-out = Keine E-Mails zu „ausverkauft“ mehr
mail-unsubscribe-drop-ended = Keine E-Mails zum Drop-Ende mehr
mail-unsubscribe-daily-digest = Keine tägliche Zusammenfassung mehr
order-page-title = Bestellung { $reference }
order-page-paid = Deine Bestellung ist bezahlt
order-page-paid-note = Nach dem Drop lässt die Band oder der Künstler dein Shirt drucken und verschicken. Diese Seite zeigt, wo es steht; behalte den Link.
order-page-bought = Was du gekauft hast
order-page-paid-at = Bezahlt
order-page-questions = Fragen?
order-page-contact = Schreib an { $artist } und nenne die Bestellung { $reference }:
order-page-contact-shop = Frag { $artist } über den Shop und nenne die Bestellung { $reference }.
order-page-mail = Deine Bestätigungs-E-Mail
order-page-mail-to = Wir haben sie an { $email } geschickt.
order-page-mail-button = Schick mir die E-Mail noch einmal
order-page-mail-sent = Sie ist wieder unterwegs an { $email }. Sieh im Spam-Ordner nach, falls sie in ein paar Minuten nicht ankommt.
order-page-mail-wait = Sie wurde gerade erst noch einmal geschickt. Bitte warte ein paar Minuten, bevor du wieder fragst.
thanks-keep-link = Deine Bestellseite zeigt, wo dein Shirt steht; auch die Bestätigungs-E-Mail verlinkt sie.
login-forgot = Passwort vergessen?
forgot-title = Passwort zurücksetzen
forgot-lede = Gib die E-Mail-Adresse deines Kontos ein. Wir schicken dir einen Link, mit dem du ein neues Passwort wählst.
forgot-button = Link zum Zurücksetzen schicken
forgot-back = Zurück zur Anmeldung
forgot-sent-title = Sieh in deinen Posteingang
forgot-sent = Falls ein Konto { $email } verwendet, ist ein Link für ein neues Passwort unterwegs. Er gilt einmal, 60 Minuten lang.
forgot-sent-spam = Nach ein paar Minuten nichts da? Sieh im Spam-Ordner nach oder frag später noch einmal.
reset-title = Wähle ein neues Passwort
reset-lede = Für das Konto { $email }. Jedes dort angemeldete Gerät wird abgemeldet.
reset-new-password = Neues Passwort
reset-hint = Mindestens 8 Zeichen.
reset-button = Neues Passwort speichern
link-expired-title = Dieser Link ist abgelaufen
link-expired = Links in unseren E-Mails gelten nur eine Zeit lang. Fordere unten einen neuen an.
link-used-title = Dieser Link wurde schon benutzt
link-used = Jeder Link gilt nur einmal. Warst du das nicht, fordere einen neuen Link an und wähle ein neues Passwort.
link-unknown-title = Dieser Link funktioniert nicht
link-unknown = Vielleicht ist er unvollständig: Kopiere die ganze Adresse aus der E-Mail oder fordere einen neuen Link an.
link-taken-title = Diese Adresse ist vergeben
link-taken = Ein anderes Konto verwendet diese E-Mail-Adresse inzwischen, deshalb wurde deine nicht geändert.
link-ask-reset = Neuen Link schicken
link-ask-confirm = Zu deinem Konto
email-confirm-title = Bestätige deine E-Mail-Adresse
email-confirm-lede = Bestätige { $email } als Adresse deines popshop-Kontos.
email-confirm-button = Diese E-Mail-Adresse bestätigen
confirmed-title = Deine E-Mail-Adresse ist bestätigt
confirmed = { $email } ist bestätigt. Auszahlungen und E-Mails zu deinen Drops sind an.
confirmed-dashboard = Zu deinem Dashboard
mail-could-not-reach = Wir konnten { $email } nicht erreichen: { $reason }
settings-title = Dein Konto
settings-email = E-Mail-Adresse
settings-confirmed = bestätigt
settings-unconfirmed = noch nicht bestätigt
settings-unconfirmed-note = Wir haben dir bei der Anmeldung einen Link an diese Adresse geschickt. Bis du ihm folgst, warten Auszahlungen und E-Mails zu deinen Drops; deine Drops verkaufen wie gewohnt.
settings-send-confirm = Bestätigungslink noch einmal schicken
settings-email-shown = Fans, die bei dir gekauft haben, sehen diese Adresse auf ihrer Bestellseite, um dich bei Fragen zu erreichen.
settings-change-email = E-Mail-Adresse ändern
settings-new-email = Neue E-Mail-Adresse
settings-current-password = Dein aktuelles Passwort
settings-change-button = Link an die neue Adresse schicken
settings-same-email = Das ist schon deine Adresse.
settings-wrong-password = Das ist nicht dein aktuelles Passwort.
settings-mail = E-Mails zu deinen Drops
settings-mail-lede = E-Mails gehen an deine bestätigte Adresse.
settings-mail-legend = Schick mir
settings-mail-first-sale = Den ersten Verkauf jedes Drops
settings-mail-goal-reached = Wenn ein Drop sein Ziel erreicht
settings-mail-sold-out = Wenn ein Drop ausverkauft ist
settings-mail-drop-ended = Wenn ein Drop endet, mit seinen Bestellungen
settings-mail-daily-digest = Eine tägliche Zusammenfassung der Verkäufe
settings-mail-save = E-Mail-Einstellungen speichern
settings-confirm-sent = Ein neuer Bestätigungslink ist unterwegs an { $email }.
settings-email-sent = Ein Link ist unterwegs an die neue Adresse. Sobald du ihm folgst, zieht dein Konto um; die alte Adresse wird benachrichtigt.
settings-mail-saved = E-Mail-Einstellungen gespeichert.
settings-wait = Du hast in letzter Zeit mehrere Links angefordert. Bitte warte eine Weile, bevor du wieder fragst.
unsubscribe-title = Diese E-Mails abbestellen?
unsubscribe-first-sale = Du bekommst keine E-Mail mehr, wenn ein Drop zum ersten Mal verkauft.
unsubscribe-goal-reached = Du bekommst keine E-Mail mehr, wenn ein Drop sein Ziel erreicht.
unsubscribe-sold-out = Du bekommst keine E-Mail mehr, wenn ein Drop ausverkauft ist.
unsubscribe-drop-ended = Du bekommst keine E-Mail mehr, wenn ein Drop endet.
unsubscribe-daily-digest = Du bekommst keine tägliche Zusammenfassung mehr.
unsubscribe-button = Diese E-Mails abbestellen
unsubscribed-title = Abbestellt
unsubscribed = Diese Art E-Mail schicken wir dir nicht mehr. In deinem Konto kannst du sie wieder einschalten.
unsubscribed-settings = E-Mail-Einstellungen
drop-unreachable = Manche Fans haben ihre E-Mail nicht bekommen
drop-unreachable-note = Ihr Mailserver hat sie endgültig abgelehnt. Die Bestellungen gelten; die CSV-Datei enthält die Adressen, falls du sie anders erreichen willst.
dashboard-password-reset = Dein neues Passwort ist gespeichert, und jedes andere Gerät ist abgemeldet.
dashboard-confirm-email = Bestätige deine E-Mail-Adresse: Wir haben einen Link an { $email } geschickt. Auszahlungen und E-Mails zu deinen Drops warten darauf.
dashboard-confirm-link = Bestätigen oder ändern
payouts-confirm-first = Bestätige zuerst deine E-Mail-Adresse: Auszahlungen gehen an den Inhaber einer bestätigten Adresse. Wir haben einen Link an { $email } geschickt.
order-page-description = Deine Bestellung von „{ $slogan }“ bei { $artist }: was du gekauft hast, wohin es geht und wo es steht.
promo-already-held = Du hast schon einen offenen Checkout mit diesem Code. Bezahl dort fertig oder warte, bis er endet (höchstens 10 Minuten), und fang dann neu an.
payouts-wait = Du hast Stripe mehrmals hintereinander geöffnet. Warte { $seconds } Sekunden und mach dann weiter.
look-poster = Kräftiges Plakat
look-retro = Retro-Schreibschrift
look-zine = Punk-Fanzine
look-typewriter = Schreibmaschine
look-geometric = Geometrisch
look-serif = Klassische Serifen
look-brush = Pinselschrift
look-neon = Neonnacht
look-pastel = Pastell-Schreibschrift
look-sketch = Skizzenbuch
call-send-again = Dein Browser hat ein altes Formular geschickt. Schick deine Idee bitte noch einmal.

## Production (issue 16)

production-title = Produktion
production-lede = Bezahlte Bestellungen auf dem Weg zu den Fans. Schick sie an deine Druckerei und markiere dann jede als verschickt (oder lade die Tracking-CSV der Druckerei hoch): Jeder Fan bekommt eine „Unterwegs“-E-Mail mit dem Tracking-Link.
production-all = Alle
production-filter = Bestellungen zeigen
printful-heading = Printful
printful-intro = Printful druckt und verschickt diesen Drop: Jede bezahlte Bestellung geht { $minutes } Minuten nach der Zahlung an Printful (bis dahin kostet eine Erstattung nichts). Die Marge ist, was Fans bezahlt haben, abzüglich der popshop-Gebühr und der Kosten bei Printful, vor der Stripe-Gebühr.
printful-total-cost = Kosten bei Printful
printful-margin = Deine Marge
printful-cost = Kosten
printful-note = Hinweis
printful-refused-help = Printful hat einige Bestellungen abgelehnt (der Grund steht jeweils daneben). Korrigiere die Bestellung im Printful-Dashboard (etwa eine falsche Adresse), dann stellt Printful sie her; oder erstatte dem Fan hier den Betrag.
printful-other-currency = Printful rechnet deinen Store in { $currency } ab, nicht in der Währung dieses Drops, daher wird hier keine Marge berechnet.
printful-state-trying = Wird aufgegeben
printful-state-sent = Bei Printful
printful-state-refused = Von Printful abgelehnt
fulfilment-waiting = Wartet auf die Druckerei
fulfilment-in-production = In Produktion
fulfilment-shipped = Verschickt
fulfilment-delivered = Zugestellt
fulfilment-returned = Zurückgeschickt
fulfilment-printer-refused = Druckerei hat abgelehnt
production-waiting = { $count ->
        [one] 1 bezahlte Bestellung wartet auf die Druckerei.
       *[other] { $count } bezahlte Bestellungen warten auf die Druckerei.
    }
production-send-all = Alle wartenden an die Druckerei schicken
production-send-chosen = Die gewählten Bestellungen an die Druckerei schicken
production-choose = Wählen
production-sent = { $count ->
        [one] 1 Bestellung ist jetzt in Produktion.
       *[other] { $count } Bestellungen sind jetzt in Produktion.
    }
production-shipped = { $count ->
        [one] 1 Bestellung verschickt; ihr Fan bekommt den Tracking-Link.
       *[other] { $count } Bestellungen verschickt; ihre Fans bekommen den Tracking-Link.
    }{ $again ->
        [0] {""}
        [one] {" "}1 Zeile war schon verschickt und blieb, wie sie war.
       *[other] {" "}{ $again } Zeilen waren schon verschickt und blieben, wie sie waren.
    }
production-upload = Tracking-CSV der Druckerei hochladen
production-upload-file = Tracking-CSV
production-upload-hint = Spalten: order, carrier, tracking_number und, falls die Druckerei einen hat, tracking_url. order ist die Referenz aus dem Bestellexport (etwa 74B4F7CF). Jede Zeile wird geprüft, bevor sich etwas ändert.
production-upload-button = Prüfen und verschicken
production-none = Hier sind keine Bestellungen.
production-carrier = Versanddienst
production-number = Sendungsnummer
production-url = Tracking-Link
production-url-hint = (nötig für „Other“)
production-ship = Als verschickt markieren und den Fan benachrichtigen
production-delivered = Als zugestellt markieren
production-returned = Als zurückgeschickt markieren
production-back = Zurück zur Produktion
production-not-shipped = Nicht verschickt
production-not-moved = Nichts geändert
production-bad-tracking = Wähle einen Versanddienst und gib die Sendungsnummer ein (4–40 Buchstaben und Ziffern); bei „Other“ auch den Tracking-Link (https://…).
production-not-in-production = Diese Bestellung ist (noch oder nicht mehr) nicht in Produktion und wurde daher nicht als verschickt markiert.
production-wrong-state = Diese Bestellung ist nicht in einem Zustand, der das erlaubt.
production-csv-refused = Nichts wurde geändert: Korrigiere diese Zeilen und lade die Datei noch einmal hoch
production-csv-unreadable = Die Datei ließ sich nicht als CSV lesen.
production-csv-header = Die erste Zeile muss die Spalten order, carrier und tracking_number nennen (und tracking_url, falls vorhanden).
production-csv-empty = Die Datei enthält keine Bestellungen.
production-line-unreadable = Zeile { $line }: ließ sich nicht lesen.
production-line-carrier = Zeile { $line }: unbekannter Versanddienst (DHL, Deutsche Post, UPS, USPS, FedEx, Royal Mail, Canada Post, Australia Post, Evri/Hermes, DPD, GLS oder Other).
production-line-number = Zeile { $line }: Die Sendungsnummer muss 4–40 Buchstaben und Ziffern haben.
production-line-url = Zeile { $line }: Ein Versanddienst, den popshop nicht kennt, braucht eine tracking_url (https://…).
production-line-unknown = Zeile { $line }: Keine bezahlte Bestellung von dir hat diese Referenz.
production-line-not-in-production = Zeile { $line }: Diese Bestellung ist nicht in Produktion — schick sie zuerst an die Druckerei.
production-line-shipped-elsewhere = Zeile { $line }: Diese Bestellung wurde schon mit einer anderen Sendungsnummer verschickt.
production-line-duplicate = Zeile { $line }: Dieselbe Bestellung steht zweimal in der Datei.
drop-production = Produktion
order-way = Wo deine Bestellung ist
order-way-paid = Bezahlt
order-way-tracking = Verschickt mit { $carrier }, Sendungsnummer { $number }.
order-way-estimate = Erwartet zwischen { $from } und { $to }.
production-package = { $count ->
        [one] Paket für die Druckerei laden (1 Bestellung in Produktion)
       *[other] Paket für die Druckerei laden ({ $count } Bestellungen in Produktion)
    }
production-package-hint = Ein ZIP: die Bestellungen als CSV (Adresse, Größe, Farbe, Menge), eine Packliste und die Druckdatei mit 300 DPI je Shirtfarbe.
order-page-making = Dein Shirt wird gemacht
order-page-delivered = Dein Shirt ist angekommen
production-line-ambiguous = Zeile { $line }: Zwei deiner Bestellungen haben diese Referenz; gib stattdessen die vollständige Bestellnummer an (in ihrer Zeile im Bestellexport).

## Produkte (Issue 23)

product-tee = T-Shirt
product-hoodie = Hoodie
product-longsleeve = Longsleeve
product-tote = Stoffbeutel
product-poster = Poster
product-sticker = Sticker
studio-products = Produkte
studio-products-hint = Verkauf das Motiv auf mehr als einem T-Shirt. Größen und Farben unten gelten für die Kleidung; jedes Produkt behält die, die es gibt. Die Stückzahl gilt je Produkt.
studio-product-price = Preis { $product }
studio-product-price-above = zum Preis pro Shirt oben
studio-one-size = Einheitsgröße
studio-pick-product = Wähle mindestens ein Produkt.
studio-printful-tees-only = Printful druckt in diesem Shop nur T-Shirts: Nimm die anderen Produkte heraus oder verkauf sie ohne Printful.
shop-product = Produkt
product-in-colour = { $product } in { $colour }
shop-product-picture-front = { $product } mit dem Aufdruck „{ $slogan }“
shop-product-picture-back = { $product }, hinten: ohne Aufdruck
shop-product-picture-hanger = { $product } am Bügel, mit dem Aufdruck „{ $slogan }“
shop-sold-out-product = ausverkauft
shop-add = In den Warenkorb
shop-cart = Dein Warenkorb
shop-cart-total = Summe ohne Versand: { $total }
shop-cart-total-label = Summe ohne Versand:
shop-remove = Entfernen
shop-checkout = Zur Kasse — { $total }
shop-by-merch = Merch von { $artist }
shop-pay-note-merch = Sichere Bezahlung, Preise pro Stück. Leg mehr in den Warenkorb und zahl einmal; deine Adresse kommt danach.
shop-pay-note-merch-shipping = Sichere Bezahlung, Preise pro Stück. Leg mehr in den Warenkorb und zahl einmal, mit { $shipping } Versand pro Bestellung; deine Adresse kommt danach.
buy-pick-colour-item = Wähl eine Farbe.
buy-one-per-order-item = Bei diesem Drop gibt es einen Artikel pro Bestellung.
buy-quantity-item = Wähl, wie viele: 1 bis { $most } Artikel pro Bestellung.
shop-sold-out-note-item = Ausverkauft — alles hat ein Zuhause gefunden.
promo-applied-item = { $label } — { $price } pro Stück statt { $was }.
shop-goal-of-item = von { $goal } Artikeln
drop-products = Produkte
drop-held = In Bestellungen
drop-unlimited = unbegrenzt
drop-print-product = { $product }: { $size } Zoll bei 300 DPI.
drop-print-product-bleed = { $product }: { $size } Zoll bei 300 DPI, mit { $bleed } Zoll Beschnitt an jeder Kante (wird abgeschnitten).
drop-print-product-cut = { $product }: { $size } Zoll bei 300 DPI, konturgeschnitten: Die Schnittlinie ist der magentafarbene Pfad CutContour.
promos-product = Gilt für
promos-every-product = Alle Produkte
promo-label-product = Code { $code }: { $off } Rabatt pro { $product }
promo-other-product = { $label }. Wähl { $product }, um den Preis mit dem Code zu sehen.

## Operators and moderation (issue 24)
state-taken-down = Gesperrt
error-gone = Dieser Shop wurde gesperrt
error-gone-note = Das popshop-Team hat diesen Shop gesperrt: { $reason } Hier kann nichts mehr gekauft werden; bereits bezahlte Bestellungen betreut der Künstler.
report-link = Shop melden
report-title = Diesen Shop melden
report-about = Du meldest „{ $slogan }“:
report-intro = Sag dem popshop-Team, was nicht stimmt. Du brauchst kein Konto, und der Künstler sieht nicht, wer gemeldet hat.
report-reason = Was stimmt nicht?
report-reason-infringement = Er kopiert fremde Werke oder Marken
report-reason-infringement-hint = Ein Logo, der Name einer Band oder Marke, ein Motiv, an dem der Verkäufer keine Rechte hat.
report-reason-hate = Er greift Menschen an
report-reason-hate-hint = Hassrede, Drohungen oder Belästigung.
report-reason-scam = Es ist Betrug
report-reason-scam-hint = Er gibt sich als jemand anderes aus oder liefert nicht.
report-reason-other = Etwas anderes
report-reason-other-hint = Bitte schreib in der Notiz, was.
report-note = Notiz für das Team (freiwillig)
report-note-hint = Bis zu 500 Zeichen. Links zum Original helfen.
report-send = Meldung senden
report-pick-reason = Wähl aus, was nicht stimmt, damit die Meldung richtig ankommt.
report-say-why = Bitte schreib in der Notiz, was nicht stimmt.
report-too-long = Bitte halte die Notiz unter 500 Zeichen.
report-thanks = Danke. Deine Meldung liegt beim popshop-Team, das sich jede ansieht.
report-back = Zurück zum Shop
admin-title = Betrieb
admin-reports = Meldungen
admin-no-reports = Keine offenen Meldungen.
admin-when = Wann
admin-shop = Shop
admin-actions = Aktionen
admin-gone = (gelöscht)
admin-review = Prüfen
admin-dismiss = Erledigt
admin-drops = Drops
admin-search-label = Drops nach Adresse, Slogan, Künstlername oder E-Mail suchen
admin-search = Suchen
admin-no-drops = Keine Drops gefunden.
admin-artist = Künstler
admin-audit = Protokoll
admin-no-audit = Noch hat niemand aus dem Team etwas getan.
admin-who = Wer
admin-what = Was
admin-on = Woran
admin-why = Warum
admin-back = Zurück zur Übersicht
admin-taken-down-at = Gesperrt am { $when } (UTC). Fans sehen:
admin-reason-label = Grund (Fans und der Künstler sehen ihn)
admin-reason-hint = Zum Beispiel: „Verwendet die Marke ACME ohne Erlaubnis.“ Bis zu 500 Zeichen.
admin-reason-needed = Schreib den Grund: Fans und der Künstler sehen ihn.
admin-takedown-title = Diesen Drop sperren?
admin-takedown-message = Der Shop zeigt dann „gesperrt“ mit deinem Grund, Käufe stoppen sofort und offene enden, der Künstler bekommt eine Mail. Du kannst ihn später wiederherstellen.
admin-takedown-button = Drop sperren
admin-restore-title = Diesen Drop wiederherstellen?
admin-restore-message = Der Shop öffnet wieder wie zuvor, und man kann wieder kaufen.
admin-restore-button = Drop wiederherstellen
drop-taken-down = Das popshop-Team hat diesen Drop am { $when } (UTC) gesperrt:
drop-taken-down-next = Fans sehen diesen Grund und können nicht kaufen. Wenn du das für einen Irrtum hältst, antworte auf unsere Mail.
mail-takedown-subject = Dein Drop „{ $slogan }“ wurde gesperrt
mail-takedown-heading = „{ $slogan }“ wurde gesperrt
mail-takedown-body = Das popshop-Team hat deinen Drop „{ $slogan }“ gesperrt. Der Shop zeigt das jetzt an, und dort kann nichts mehr gekauft werden; offene Käufe wurden beendet.
mail-takedown-reason = Grund
mail-takedown-next = Bereits bezahlte Bestellungen bleiben bei dir – zum Ausliefern oder Erstatten. Wenn du das für einen Irrtum hältst, antworte auf diese Mail.
mail-takedown-footer = Du bekommst diese Mail, weil du diesen Drop auf popshop betreibst.
js-taken-down = Das popshop-Team hat diesen Shop gesperrt:
js-buy-taken-down = Dieser Shop wurde gesperrt
admin-note = Notiz
admin-accounts = Konten
admin-no-accounts = Keine Konten gefunden.
admin-email = E-Mail
admin-signed-up = Angemeldet seit
admin-suspended = Gesperrt
admin-operator = Team
admin-active = Aktiv
admin-their-drops = Ihre Drops
admin-suspended-at = Gesperrt am { $when } (UTC). Beim Anmelden steht:
admin-suspend-reason-label = Grund (die Inhaberin oder der Inhaber sieht ihn beim Anmelden)
admin-suspend-title = Dieses Konto sperren?
admin-suspend-message = Seine Sitzungen enden sofort, seine Drops gehen mit deinem Grund offline (Käufe stoppen, offene enden), und beim Anmelden steht der Grund. Entsperren bringt die Drops zurück, die mit dem Konto gesperrt wurden.
admin-suspend-button = Konto sperren
admin-unsuspend-title = Dieses Konto entsperren?
admin-unsuspend-message = Anmelden geht wieder, und die mit dem Konto gesperrten Drops kommen zurück. Ein einzeln gesperrter Drop bleibt gesperrt.
admin-unsuspend-button = Konto entsperren
admin-not-yourself = Du kannst dein eigenes Konto nicht sperren.
login-suspended = Dieses Konto ist gesperrt: { $reason } Wenn du das für einen Irrtum hältst, wende dich an das popshop-Team.
admin-refunds = Erstattungen
admin-refunds-progress = { $done } von { $asked } Bestellungen erstattet. Erstattungen gehen nach und nach raus; neu laden, um zu folgen.
admin-refunds-paid-left = { $count ->
    [one] Eine bezahlte Bestellung ist nicht erstattet.
   *[other] { $count } bezahlte Bestellungen sind nicht erstattet.
}
admin-refunds-none = Keine bezahlten Bestellungen zu erstatten.
admin-refund-all-title = Alle bezahlten Bestellungen erstatten?
admin-refund-all-message = Jede bezahlte Bestellung dieses Drops wird über Stripe voll erstattet, nach und nach. Fans bekommen die übliche Erstattungs-Mail. Das lässt sich nicht rückgängig machen.
admin-refund-all-button = Alle Bestellungen erstatten
admin-calls = Aufrufe
admin-call = Aufruf
admin-no-calls = Keine Aufrufe gefunden.
admin-ideas = Ideen
admin-no-ideas = Noch keine Ideen.
admin-idea-hidden = Ausgeblendet
admin-idea-reason-label = Grund
admin-idea-takedown-button = Diese Idee sperren
admin-call-takedown-title = Diesen Aufruf sperren?
admin-call-takedown-message = Seine Seite zeigt dann „gesperrt“ mit deinem Grund, und Fans können keine Ideen mehr senden oder abstimmen. Du kannst ihn später wiederherstellen.
admin-call-takedown-button = Aufruf sperren
admin-call-restore-title = Diesen Aufruf wiederherstellen?
admin-call-restore-message = Seine Seite öffnet wieder wie zuvor.
admin-call-restore-button = Aufruf wiederherstellen
report-call-link = Diesen Aufruf melden
admin-idea-restore-button = Diese Idee wiederherstellen
promo-label-item = Code { $code }: { $off } Rabatt pro Artikel
