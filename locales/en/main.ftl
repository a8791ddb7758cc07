# popshop's words in English. Every page reads its messages from here (and
# from ../de/main.ftl in German); ids are grouped by the page they belong to.

## The frame around every page

skip-to-content = Skip to content
nav-label = Main
nav-new-drop = New drop
nav-dashboard = Dashboard
nav-log-out = Log out
nav-log-in = Log in
footer-tagline = popshop — from slogan to shirt shop in under a minute.

## Words the page's script writes

js-copied = Copied!
js-copy-link = Copy link
js-zoom = Picture at full size
js-close = Close
js-goal-reached = Goal reached —
js-buy-ended = This drop has ended
js-buy-sold-out = Sold out
js-preview-alt = Preview: T-shirt printed with “{"{slogan}"}”
js-look = Look:
js-local-time = (optional; your local time)
js-sold = sold
# The ticking countdown: days and hours | hours and minutes | minutes and seconds | ended.
js-time-left = {"{d}"}d {"{h}"}h|{"{h}"}h {"{m}"}m|{"{m}"}m {"{s}"}s|now

## A drop's state

state-live = Live
state-sold-out = Sold out
state-ended = Ended

## Shirt colours and currencies

colour-white = White
colour-black = Black
colour-heather = Heather grey
colour-navy = Navy
colour-red = Red
colour-forest = Forest green
colour-sand = Sand
colour-pink = Pink
colour-royal = Royal blue
colour-mustard = Mustard
currency-usd = US dollar ($)
currency-eur = Euro (€)
currency-gbp = Pound sterling (£)
currency-cad = Canadian dollar (CA$)
currency-aud = Australian dollar (A$)

## Time left and delivery

time-left-under-minute = under a minute
time-left-minutes = { $m }m
time-left-hours = { $h }h { $m }m
time-left-days = { $d }d { $h }h
delivery-days = { $min }–{ $max } business days
shipping-line-free = Free shipping · arrives in { $days }
shipping-line = Shipping { $cost } · arrives in { $days }
shipping-free-rate = Free shipping
shipping-standard-rate = Standard shipping

## The storefront

view-front = Front
view-detail = Close-up
view-back = Back
view-hanger = On a hanger
shop-picture-front = { $colour } T-shirt, front, printed with “{ $slogan }”
shop-picture-detail = { $colour } T-shirt, close-up of the print “{ $slogan }”
shop-picture-back = { $colour } T-shirt, back: no print
shop-picture-hanger = { $colour } T-shirt on a hanger, printed with “{ $slogan }”
shop-meta-title = “{ $slogan }” T-shirt by { $artist }
shop-meta-description = { $price } · sizes { $sizes } · a limited drop by { $artist }.{ $left ->
        [none] {""}
       *[other] {" "}Only { $left } made.
    }
shop-by = T-shirt by { $artist }
shop-status = Drop status
shop-sold = sold
shop-raised = raised
shop-left = left
shop-ends-in = Ends in
shop-goal-reached = Goal reached —
shop-goal = Goal:
shop-goal-of = of { $goal } { $goal ->
        [one] shirt
       *[other] shirts
    }
shop-colour = Colour
shop-size = Size
shop-quantity = Quantity
tax-incl-vat = incl. VAT
tax-incl-gst = incl. GST
tax-added = + tax at checkout
tax-demo = Tax: worked out by Stripe in a real shop (this demo adds none).
tax-line-included = incl. { $tax } tax
tax-column = Tax
shop-pay-note = Secure checkout. You pay { $price } per shirt; your address comes next.
shop-pay-note-shipping = Secure checkout. You pay { $price } per shirt plus { $shipping } shipping per order; your address comes next.
shop-buy = Buy — { $price }
shop-sold-out-note = Sold out — every shirt found a home.
shop-ended-note = This drop has ended.
restock-label = Your email
restock-hint = One email when the artist opens a new wave, and nothing else.
restock-button = Tell me when it’s back
restock-done = You’re on the list: one email when it’s back.
restock-invalid = Enter an email address like name@example.com.
restock-full = The list for this drop is full. Follow the artist to hear about it.
shop-size-chart = Size chart
shop-size-chart-caption = Measured flat: chest from armpit to armpit, length from the shoulder down.
shop-chest = Chest width
shop-length = Length
shop-fabric-title = Fabric and fit
shop-product-facts = { $product }: size and material
shop-dimensions = { $width } × { $height } cm ({ $width_in } × { $height_in } in)
product-facts-tee = 100% combed ring-spun cotton, 180 g/m² (5.3 oz/yd²), pre-shrunk. Unisex regular fit: take your usual size, one up for a loose look. Wash inside out at 30 °C.
product-facts-hoodie = 80% ring-spun cotton and 20% polyester, 280 g/m² (8.3 oz/yd²), brushed fleece inside; lined hood with drawcords and a front pouch pocket. Unisex relaxed fit: take your usual size. Wash inside out at 30 °C.
product-facts-longsleeve = 100% combed ring-spun cotton, 180 g/m² (5.3 oz/yd²), pre-shrunk, ribbed cuffs. Unisex regular fit: take your usual size, one up for a loose look. Wash inside out at 30 °C.
product-facts-tote = Heavy cotton canvas, 340 g/m² (10 oz/yd²), with two 60 cm handles; carries about 10 kg. Wash cold and let it dry flat.
product-facts-poster = Matte museum-grade paper, 200 g/m², printed edge to edge. Ships rolled in a tube; the frame is not included.
product-facts-sticker = Die-cut vinyl with a matte laminate, cut along the design's outline: waterproof, fade-resistant, and it peels off without residue.
shop-footer-before = Made with
shop-footer-after = — start your own drop in a minute.
checkout-product = “{ $slogan }” { $product }{ $details }

## The create form

studio-title = Launch a T-shirt drop in a minute
studio-title-check = Check your drop
studio-heading = Your slogan on a shirt, on sale in a minute
studio-lede = Type a slogan, pick a look, press Launch. You get a storefront to share right away.
studio-fix-fields = Some fields need a fix — see the messages below. Nothing you typed was lost.
studio-slogan = Slogan
studio-slogan-placeholder = Be a Friday Night Loser with me
studio-slogan-hint = Up to 80 characters. Emoji and any language welcome.
studio-ask-fans = No slogan yet? Ask your fans to write it
studio-preview-alt = Preview: T-shirt printed with “{ $slogan }”
preview-placeholder = Your slogan here
studio-look = Look
look-auto = Auto — picked from your slogan
studio-shuffle = Shuffle look
studio-preview = Preview
studio-artist = Artist or shop name
studio-price = Price per shirt
studio-currency = Currency
studio-sizes = Sizes
studio-colours = Shirt colours
studio-stock = Stock limit
studio-optional = (optional)
studio-unlimited = Unlimited
studio-max-per-order = Most shirts per order
studio-goal = Sales goal
studio-goal-hint = (optional, shirts)
studio-goal-placeholder = e.g. 200
studio-ends = Sales end
studio-ends-hint = (optional; your local time, UTC without JavaScript)
studio-more = Shipping, description and language
studio-more-hint = (optional: free shipping, arrives in 5–10 business days)
studio-shipping = Shipping per order
studio-shipping-hint = (empty: free)
studio-free = Free
studio-delivery = Arrives within
studio-description = A few words for fans
studio-description-hint = (optional, up to 500 characters)
studio-language = Language of the shop
studio-language-hint = Fans see the storefront, checkout and thank-you page in this language.
studio-account = Your artist account
studio-account-hint = New here? This creates your account. Have one? Enter its email and password, or log in first:
studio-account-log-in = log in
studio-launch = Launch
studio-too-many-launches = Many drops were launched from your network lately. Nothing you typed was lost — press Launch again in { $minutes } { $minutes ->
        [one] minute
       *[other] minutes
    }.
studio-printful-colours = Printful prints this shirt in { $offered }. Untick { $lacking }, or it could not be made.
studio-printful-sizes = Printful prints this shirt in { $offered } in every colour you picked. Untick { $lacking }, or it could not be made.
studio-wrong-password = This email already has an account, and that is not its password. Enter the right password, or log in first.

## Accounts

account-email = Email
account-password = Password
account-password-hint = (at least 8 characters)

## Why a field was refused

error-slogan-empty = Type a slogan for the shirt.
error-slogan-too-long = Keep the slogan to { $max } characters or fewer (this one has { $count }).
error-slogan-control = The slogan contains invisible control or text-direction characters; please retype it.
error-slogan-marks = One character of the slogan carries too many accents or marks to print; please retype it.
error-name-empty = Enter the artist or shop name fans know you by.
error-name-control = The name contains invisible control characters; please retype it.
error-name-too-long = Keep the name to 60 characters or fewer.
error-price-empty = Enter a price, for example 25.00.
error-price-number = Enter the price as a number, for example 25.00.
error-price-range = The price must be between { $min } and { $max }.
error-sizes-none = Pick at least one size.
error-sizes-unknown = “{ $size }” is not a size we print. Pick from XS to 3XL.
error-colours-none = Pick at least one shirt colour.
error-colours-unknown = “{ $colour }” is not one of our shirt colours.
error-count-number = Enter a whole number, for example 200.
error-count-range = Enter a number from { $min } to { $max }.
error-code-empty = Enter a code.
error-code-characters = Use letters A–Z, digits and dashes only.
error-code-length = A code has 3 to 20 characters.
error-discount-percent = Enter a percentage from 1 to 90.
error-discount-amount = Enter an amount like 5 or 4.50.
error-discount-kind = Pick a percentage or an amount off.
error-description-control = The description contains invisible control characters; please retype it.
error-description-too-long = Keep the description to 500 characters or fewer.
error-shipping-range = Shipping must be between { $min } and { $max } (leave it empty for free shipping).
error-shipping-number = Enter shipping as a number, for example 5.00, or leave it empty for free shipping.
error-delivery = Pick one of the delivery times offered.
error-end-format = Enter the end as a date and time, for example 2026-12-31 20:00.
error-end-past = The end time must be in the future.
error-end-too-far = A drop can run for at most 90 days.
error-email-empty = Enter your email address.
error-email-invalid = Enter an email address like name@example.com.
error-password-short = Choose a password of at least { $min } characters.
error-password-long = Keep the password under { $max } characters.
login-title = Log in
login-mismatch = That email and password do not match an account. Check both and try again.
login-slow-down = Too many wrong passwords. Wait a little, then try again.
login-new-here = New here?
login-create-account = Create an account
login-start-drop = Start a drop (it signs you up on the way)
signup-title = Create your artist account
signup-or-drop = You can also skip this: the create form signs you up on the way.
signup-button = Create account
signup-have-account = Already have an account?
signup-too-many = Many accounts were created from your network lately. Please try again later.
signup-taken = An account with this email already exists. Log in instead.

## After paying

picture-alt = T-shirt printed with “{ $slogan }”
order-item = { $quantity } × “{ $slogan }” { $product }{ $details }
thanks-title = Thank you!
thanks-number = You’re #{ $number }
thanks-paid = Your order is paid.
thanks-receipt = Your confirmation email goes to { $email }.
thanks-processing = Payment processing…
thanks-pending-note = We are waiting for the payment to be confirmed. This page refreshes by itself.
thanks-processing-note = Your bank is confirming the payment; this can take a while for some payment methods. Your shirt is reserved. This page refreshes by itself.
thanks-refunded = Refunded
thanks-refunded-note = This order was refunded in full.
thanks-sold-out = Sorry — it sold out
thanks-sold-out-note = Your payment arrived after the last shirt was taken. We are refunding it in full.
thanks-disputed = Payment disputed
thanks-disputed-note = Your bank told us this payment is disputed. The bank decides; until then the money is held. If it was a mistake, tell your bank and the shop (below).
thanks-dispute-lost = Payment returned by your bank
thanks-dispute-lost-note = After a dispute, your bank returned this payment to you.
thanks-not-completed = Checkout not completed
thanks-not-completed-note = This checkout expired or was cancelled, and nothing was charged.
thanks-order = Order
thanks-total = Total
back-to-shop = Back to the shop
cancelled-title = Checkout not finished
cancelled-held = Nothing was charged. Your shirts stay held for you for about { $minutes } more { $minutes ->
        [one] minute
       *[other] minutes
    }, then they go back on sale.
cancelled-back-to-payment = Go back to payment
cancelled-put-back = Put the shirts back and return to the shop

## Buying

buy-pick-size = Pick a size.
buy-pick-colour = Pick a shirt colour.
buy-pick-product = Pick a product.
buy-one-per-order = This drop is one shirt per order.
buy-quantity = Choose how many shirts: 1 to { $most } per order.
buy-cart-full = A cart holds { $most } different items at most: check out, or remove one first.
buy-product-sold-out = Sorry, the { $product } just sold out. Pick something else, or check out without it.
buy-product-only-left = Only { $left } × { $product } left: choose { $left } or fewer of it.
buy-only-left = Only { $left } left — choose { $left } or fewer and try again.
confirm-title = Confirm your order
confirm-why = Your browser did not say which page this order came from, so we ask once more before holding your shirts.
confirm-continue = Continue to payment
problem-sold-out = Sold out
problem-sold-out-note = Every shirt of this drop is taken. Sorry!
problem-ended = This drop has ended
problem-ended-note = Sales for this drop are closed.
problem-slow-down = Slow down a little
problem-slow-down-note = You have started many checkouts in a short time. Try again in { $seconds } { $seconds ->
        [one] second
       *[other] seconds
    }.
problem-holds = You have checkouts waiting
problem-holds-note = One fan may hold { $open } shirts of this drop in checkouts waiting for payment, and yours would pass that. Finish paying, or wait { $minutes } minutes until they lapse, so other fans get a chance at the shirts too.
problem-payment = We could not start the payment
problem-refused-note = The shop's payment service did not accept this checkout, so nothing was charged and your shirts are back on sale. The artist can see why; please try again later.
problem-unavailable-note = The payment service is not answering right now. Nothing was charged — please try again in a minute.
demo-title = Demo checkout
demo-banner-strong = Demo checkout — no money moves.
demo-banner = popshop runs without a Stripe key, so this page stands in for Stripe Checkout. Nothing is charged.
demo-by = by { $artist }
demo-pay = Pay { $amount }
demo-missing = Some details are missing — see below.
demo-email = Email for the receipt
demo-address = Shipping address
demo-name = Full name
demo-street = Street address
demo-line2 = Apartment, suite
demo-postal-code = Postal code
demo-city = City
demo-region = State / region
demo-country = Country code
demo-card-legend = Card (demo: any value works)
demo-card = Card number
demo-cancel = Cancel and go back
demo-error-email = Enter an email address for the receipt.
demo-error-name = Enter the name for the parcel.
demo-error-street = Enter the street address.
demo-error-postal-code = Enter the postal code.
demo-error-city = Enter the city.
demo-error-country = Pick a country.
demo-failed = The demo payment failed
demo-failed-note = Please try again.

## The artist's pages

dashboard-title = Your drops
dashboard-signed-in = Signed in as { $email }
dashboard-empty = No drops yet.
dashboard-launch-first = Launch your first one — it takes a minute.
dashboard-drops = Drops
dashboard-shirts-sold = Shirts sold
dashboard-drop = Drop
share-text = “{ $slogan }” — my new T-shirt drop. Get yours:
drop-live-strong = Your drop is live!
drop-live = Share the link below — fans can open it on any phone.
drop-refunded = The order was refunded and the totals updated.
drop-attention = Needs your attention
drop-sold = Sold
drop-revenue = Revenue
drop-left = Left
drop-goal = Goal
drop-goal-shirts = { $count } { $count ->
        [one] shirt
       *[other] shirts
    }
drop-no-goal = No goal set
drop-price = Price
drop-ends = Ends
drop-paid-orders = Paid orders
drop-average-order = Average order
drop-conversion = Conversion
drop-percent = { $value }%
drop-of-checkouts = of { $count } checkouts started
drop-chart = Sales over time
drop-chart-empty = No sales yet — the chart starts with the first shirt sold. Share the link above to get going.
drop-chart-hint = ({ $buckets }, peak { $peak })
drop-chart-label = Shirts sold { $buckets }
drop-time = Time
chart-per-minute = per minute, first hour
chart-per-hour = per hour
chart-bar = { $at } — { $count } { $count ->
        [one] shirt
       *[other] shirts
    }
drop-public-link = Public link
drop-open-storefront = Open storefront
drop-obs = Streaming the drop? Add a live ticker as a browser source in OBS:
drop-obs-public = the public ticker
drop-obs-private = your private one with the money raised
drop-share = Share
drop-share-on = Share on { $site }
drop-share-more = More ways to share…
drop-qr-alt = QR code that opens { $link }
drop-qr-download = Download QR code (SVG)
drop-raised-shown = Fans see the money raised.
drop-raised-hide = Hide money raised
drop-raised-hidden = Fans see units, not money.
drop-raised-show = Show money raised to fans
drop-print = Files for your printer
drop-print-note = The design alone on a 12×16 inch transparent canvas. The ink suits each shirt colour.
drop-print-colour = { $colour } shirts:
drop-print-svg = SVG (outlined text)
drop-print-png = PNG, 300 DPI
drop-ended-note = This drop has ended; the storefront shows that to fans.
drop-share-first = Share your drop
drop-end-heading = End the drop
drop-end-lede = Ending stops sales at once, and the storefront tells fans. You can open a second wave later.
drop-end-confirm = End this drop now? Fans will no longer be able to buy.
drop-end = End drop now
drop-variants = Per size and colour
drop-orders = Orders
drop-export-orders = Export paid orders (CSV)
drop-export-sheet = Totals per size × colour (CSV)
drop-no-orders = No paid orders yet. Share the link — the first one shows up here.
orders-number = No.
orders-items = Items
orders-amount = Amount
orders-status = Status
orders-ship-to = Ship to
orders-actions = Actions
orders-demo-title = Paid in the demo checkout: no money moved
orders-refund = Refund
order-status-pending = Awaiting payment
order-status-processing = Payment processing
order-status-paid = Paid
order-status-expired = Expired
order-status-cancelled = Cancelled
order-status-failed = Payment failed
order-status-refund-due = Refund due
order-status-refunded = Refunded
order-status-disputed = Disputed with the bank
order-status-dispute-lost = Dispute lost
end-title = End this drop?
end-heading = End this drop now?
end-message = Fans will no longer be able to buy. Orders already paid are kept.
end-button = End the drop now
end-keep-selling = Keep selling
refund-title = Refund this order?
refund-heading = Refund this order in full?
refund-the-buyer = the buyer
refund-message = Order { $order } ({ $buyer }): the buyer gets their money back in full.
refund-button = Refund in full
back-to-drop = Back to the drop
refund-failed = The refund did not go through
refund-shipped = This order has shipped, so its shirts come back first: when the fan has returned them, mark the order returned in the production queue, then refund it.
refund-refused = The payment provider refused the refund: “{ $why }”. The order is unchanged.
refund-unavailable = The payment provider is not answering right now. The order is unchanged; try again in a minute.

## The stream overlay

overlay-title = Live:
overlay-goal-reached = Goal reached! 🎉
overlay-milestone = {"{n}"} sold! 🔥

## The share card

card-by = by { $artist }
studio-meta-description = Type a slogan, pick a look, press Launch: a T-shirt storefront with Stripe checkout, a share card and a QR code is live in under a minute.

## Error pages

error-not-found = Nothing here
error-not-found-note = This page or drop does not exist. Check the link, or start your own drop.
error-csrf = This form has expired
error-csrf-note = For your safety we could not accept it. Go back, reload the page and send the form again.
error-too-large = That was too much
error-too-large-note = The form you sent is larger than we accept (64 KiB).
error-bad-request = We could not read that
error-bad-request-note = The link or form was malformed. Go back and try again.
error-busy = We are very busy right now
error-busy-note = Too many people are signing in at this moment. Go back and send the form again in a few seconds — nothing was saved yet.
error-crowded = So many people are here right now
error-crowded-note = popshop is serving as many people as it can at this moment. Try again in a few seconds — nothing was lost.
error-slow = That took too long to arrive
error-slow-note = The form came in too slowly, so we stopped waiting and saved nothing. Check your connection and send it again.
error-too-many = Too many attempts
error-too-many-note = Please wait a little before trying again. Go back when the wait is over; nothing was saved yet.
error-internal = Something went wrong on our side
error-internal-note = Nothing you typed was lost on purpose — please try again in a moment.
error-reference = If it keeps happening, quote this reference:
error-start-drop = Start a drop

## Open calls: fans write the slogan

call-new-title = Ask your fans for the slogan
call-new-heading = Ask your fans for the slogan
call-new-lede = Fans send ideas, each shown as a shirt, and vote. Launch the winner as a drop.
call-question = Your question to the fans
call-question-placeholder = What should the Friday-night shirt say?
call-hours = Open for (hours)
call-look-auto = Let each idea pick its own look
call-colour = Shirt colours
call-colour-hint = Ideas are shown on the first colour you pick in this list; the drop offers them all.
call-language = Language of the call page
call-open = Open the call
call-by = A call by { $artist }
call-open-badge = Open for ideas
call-ends-in = ends in { $left }
call-closed = This call is closed. Thanks to everyone who sent ideas and voted.
call-sent = Thanks — your idea is on the board, with your vote.
call-merged = Someone had the same idea — your vote went to it.
call-idea = Your idea for the shirt
call-credit = Your name, to credit
call-send = Send my idea
call-board = Ideas
call-top = Most votes
call-new = New
call-no-ideas = No ideas yet. Be the first!
call-credited = by { $name }
call-votes = { $count ->
        [one] 1 vote
       *[other] { $count } votes
    }
call-pinned = Pinned by the artist
call-vote = Vote for this
call-vote-back = Take my vote back
call-too-many-ideas = You have sent { $max } ideas to this call — that is the most one fan can send. Vote for your favourites instead!
call-full = This call has { $max } ideas, all it can take. Vote for your favourites instead!
call-slow-down = Many ideas from your network just now. Nothing you typed was lost — send it again in { $seconds } { $seconds ->
        [one] second
       *[other] seconds
    }.
error-credit-too-long = Keep the name to 40 characters or fewer.
call-vote-counted = Vote counted.
call-vote-taken-back = Vote taken back.
call-owner-send = Add an idea yourself
call-winner = ★ This became the shirt
call-became = This became a shirt!
call-buy-it = Buy it
call-owner-note = Your call: hide or pin ideas, launch one as a drop.
call-end = End the call now
call-end-heading = End this call now?
call-end-message = Fans will no longer be able to send ideas or vote. The board stays.
call-keep-open = Keep it open
call-hidden = Hidden from fans
call-hide = Hide
call-show = Show again
call-pin = Pin
call-unpin = Unpin
call-launch-this = Launch this
studio-from-idea = Launching a fan's idea from your call: the storefront credits the fan and links back to the call.
shop-from-fan = Slogan by { $name }, voted by { $votes ->
        [one] 1 fan
       *[other] { $votes } fans
    }
shop-from-fans = Slogan written with the fans, voted by { $votes ->
        [one] 1 fan
       *[other] { $votes } fans
    }
call-card-badge = Send your idea
call-meta-description = A call by { $artist }: send your idea for the shirt and vote for your favourites.
dashboard-calls = Your calls for slogans

## Payouts through Stripe Connect
payouts-title = Payouts
payouts-back = ← Your drops
payouts-lede = Fans pay by card on Stripe's page; the money goes to your own Stripe account, and Stripe pays it out to your bank.
payouts-fee = popshop keeps { $fee } of each order (shirts and shipping); the rest is yours.
payouts-fee-none = popshop keeps nothing of your sales.
payouts-not-connected = Connect a Stripe account to take payments. Until then your storefronts tell fans that orders open soon.
payouts-connect = Connect with Stripe
payouts-continue = Continue on Stripe
payouts-needs = Stripe needs:
payouts-needs-why = Stripe asks so it can take payments for you and pay you out; popshop never sees these details.
payouts-need-bank-account = your bank details, to pay you out
payouts-need-terms = you to accept Stripe's terms
payouts-need-identity = your personal details, to confirm who you are
payouts-need-business = a few details about what you sell
payouts-need-other = a few more details
payouts-under-review = Stripe is checking your details. This usually takes a few minutes.
payouts-check-again = Check again
payouts-taking-payments = Taking payments
payouts-paused = Stripe holds your payouts until your bank details are in and checked.
payouts-ready = Your drops take payments, and Stripe pays them out to your bank.
payouts-account = Stripe account { $account }
payouts-refused = Stripe refused to set up payouts: { $reason } Nothing was changed; please try again later.
payouts-unavailable = Stripe did not answer. Nothing was changed; please try again in a minute.
payouts-off = This popshop takes payments into its own Stripe account (or runs the demo checkout), so there are no payouts to set up.
dashboard-payouts-due = Your drops can't take payments until you connect a Stripe account.
dashboard-payouts-link = Set up payouts
drop-gross = Fans paid
drop-fees = popshop's fee
drop-net = Yours
shop-not-taking-payments = Orders open soon: the artist is still setting up payments.
problem-not-taking-payments = Orders open soon
problem-not-taking-payments-note = The artist is still setting up payments for this shop. Nothing was charged; please come back soon.

## A second wave
reopen-heading = Open a second wave
reopen-lede = Sell again from the same link: fans who open it see the shop live again, and your orders and totals carry on.
reopen-add-stock = More shirts
reopen-hours = Open for (hours)
reopen-hours-hint = Leave empty to sell until you end it.
reopen-price = New price
reopen-price-hint = Leave empty to keep { $price }.
reopen-button = Open the new wave
reopen-done = Wave { $number } is live: the storefront sells again.
drop-wave = Wave { $number }
drop-waves-legend = Dashed lines mark where a new wave began:

## Promo codes
promo-label = code { $code }: { $off } off each shirt
promo-unknown = That code can't be used for this drop: check the spelling, or buy without it.
promo-too-many-tries = Too many codes tried. Wait a minute, or buy without one.
promo-applied = { $label } — { $price } a shirt instead of { $was }.
shop-promo = Promo code
shop-price-was = Was
shop-price-now = now
shop-promo-apply = Apply code
promos-heading = Promo codes
promos-lede = Fans type a code on the storefront; the discount comes off each shirt (not shipping).
promos-none = No codes yet.
promos-code = Code
promos-discount = Discount
promos-kind-percent = Percent off
promos-kind-amount = Amount off each shirt
promos-value = How much
promos-value-hint = 20 for 20%, or an amount like 5.
promos-max-uses = Most uses
promos-max-uses-hint = Leave empty for no limit.
promos-hours = Ends in (hours)
promos-hours-hint = Leave empty to keep it running.
promos-scope = Works on
promos-scope-drop = this drop
promos-scope-all = all my drops
promos-create = Create code
promos-created = Code { $code } is ready.
promos-taken = You already have a code spelled { $code }.
promos-uses = { $uses } of { $max } used
promos-uses-unlimited = { $uses } used, no limit
promos-ends = ends { $when }
promos-ended = ended
promos-all-drops = all drops
promos-this-drop = this drop
demo-discount = Code { $code }: −{ $amount }

## Which share link sold
sources-heading = Where fans came from
sources-lede = Every share link, QR code and copied link carries its source; add ?ref=anything to your own links (a newsletter, say). Each visitor counts once.
sources-none = No visits yet.
sources-source = Source
sources-visits = Visitors
source-share = Phone share sheet
source-qr = QR code
source-link = Copied link
source-direct = Direct (no source)
drop-payouts-due = Fans can see this drop, but it cannot take payments until you connect a Stripe account; its page tells them orders open soon.

## Mail to fans (issue 14)
mail-order-subject = Your order #{ $number }: “{ $slogan }”
mail-order-heading = Thank you, your order is paid
mail-order-code = Code { $code }: −{ $amount }
mail-order-ship-to = Ship to
mail-order-reference = Order reference { $reference }
mail-order-shop = Back to { $artist }’s shop
mail-order-footer = You get this email because you bought from this shop on popshop.
mail-refund-subject = Refunded: your order #{ $number }
mail-refund-heading = Your order was refunded
mail-refund-amount = Refunded
mail-refund-note = The money goes back to the card or account you paid with; your bank may take 5–10 business days to show it.
mail-order-page = See your order
mail-account-footer = You get this email because someone asked for it on popshop with this address. If it was not you, ignore it: nothing changes.
mail-confirm-subject = Confirm your email for popshop
mail-confirm-heading = Confirm your email
mail-confirm-body = Confirm that this address is yours. Until then, payouts and mail about your drops wait; your drops sell as usual.
mail-confirm-button = Confirm my email
mail-confirm-after = The link works for 3 days.
mail-reset-subject = Reset your popshop password
mail-reset-heading = Reset your password
mail-reset-body = Someone asked to reset the password of your popshop account. Choose a new one with the link below; every device signed in to your account is then signed out.
mail-reset-button = Choose a new password
mail-reset-after = The link works once, for 60 minutes. If you did not ask for it, ignore this email: your password stays as it is.
mail-change-subject = Confirm your new email for popshop
mail-change-heading = Confirm your new email
mail-change-body = Your popshop account asked to use this address from now on. Confirm it, and your account moves to it.
mail-change-button = Use this address
mail-change-after = The link works for one day.
mail-changed-subject = Your popshop email was changed
mail-changed-heading = Your email was changed
mail-changed-body = Your popshop account uses a new email address from now on, and this one gets no more mail from us. If you did not do this, reset your password from the log-in page at once.
mail-artist-footer = You get this email about your drops on popshop. Switch each kind on or off on your dashboard.
mail-artist-sold = Shirts sold
mail-artist-raised = Raised
mail-artist-goal = Goal
mail-artist-drop = Open your drop
mail-artist-dashboard = Open your dashboard
mail-restock-subject = “{ $slogan }” is back
mail-restock-heading = “{ $slogan }” is back
mail-restock-body = You asked to hear when { $artist } had more of “{ $slogan }”. A new wave just opened: get yours before it sells out again.
mail-restock-price = Price
mail-restock-left = Shirts in this wave
mail-restock-button = Get yours
mail-restock-footer = You get this one email because you left your address on this drop. We will not write again about it, and your address is gone from its list.
mail-shipped-subject = Your shirt is on its way: order #{ $number }
mail-shipped-heading = Your shirt is on its way
mail-shipped-carrier = Sent with { $carrier }, tracking number { $tracking }
mail-shipped-track = Track your parcel
mail-dispute-opened-subject = A payment was disputed: order { $number }
mail-dispute-opened-heading = A fan disputed a payment
mail-dispute-opened-body = The buyer of order { $number } (“{ $slogan }”) asked their bank to take back the { $money } they paid. Stripe holds that money until the bank decides, and it no longer counts in your drop’s revenue. Answer the dispute with your evidence (the order, the address, and the tracking number once shipped) in your Stripe dashboard before the deadline Stripe gives.
mail-dispute-closed-subject = Dispute decided: order { $number }
mail-dispute-won-heading = You won the dispute
mail-dispute-won-body = The bank decided order { $number } (“{ $slogan }”) for you: the { $money } counts in your drop’s revenue again.
mail-dispute-lost-heading = The dispute was lost
mail-dispute-lost-body = The bank decided order { $number } (“{ $slogan }”) for the buyer: the { $money } went back to them and stays out of your drop’s revenue.
mail-dispute-footer = You get this email because money of one of your drops is at stake; it cannot be switched off.
mail-first-sale-subject = First sale: “{ $slogan }”
mail-first-sale-heading = Your first sale!
mail-first-sale-body = Someone just bought “{ $slogan }”. Share the link again while it is hot.
mail-goal-reached-subject = Goal reached: “{ $slogan }”
mail-goal-reached-heading = You reached your goal
mail-goal-reached-body = “{ $slogan }” sold as many shirts as you aimed for. It keeps selling until it ends or sells out.
mail-sold-out-subject = Sold out: “{ $slogan }”
mail-sold-out-heading = Sold out
mail-sold-out-body = Every shirt of “{ $slogan }” is sold. You can open a second wave from your drop’s page.
mail-drop-ended-subject = Your drop ended: “{ $slogan }”
mail-drop-ended-heading = Your drop ended
mail-drop-ended-body = “{ $slogan }” is closed. Here is how it went; the orders are ready to print.
mail-drop-ended-csv = Orders (CSV)
mail-digest-subject = Your sales on { $date }
mail-digest-heading = Your sales on { $date }
mail-digest-line = { $shirts } shirts in { $orders } orders, { $money }
mail-unsubscribe-first-sale = Stop first-sale emails
mail-unsubscribe-goal-reached = Stop goal emails
mail-unsubscribe-sold-out = Stop sold-out emails
mail-unsubscribe-drop-ended = Stop drop-ended emails
mail-unsubscribe-daily-digest = Stop the daily digest
order-page-title = Order { $reference }
order-page-paid = Your order is paid
order-page-paid-note = The artist prints and ships your shirt after the drop. This page shows where it stands; keep the link.
order-page-bought = What you bought
order-page-paid-at = Paid
order-page-questions = Questions?
order-page-contact = Write to { $artist }, quoting order { $reference }:
order-page-contact-shop = Ask { $artist } through their shop, quoting order { $reference }.
order-page-mail = Your confirmation email
order-page-mail-to = We sent it to { $email }.
order-page-mail-button = Email me this again
order-page-mail-sent = On its way again to { $email }. Check your spam folder if it does not arrive in a few minutes.
order-page-mail-wait = It was sent again a moment ago. Please wait a few minutes before asking once more.
thanks-keep-link = Your order page shows where your shirt stands; the confirmation email links it too.
login-forgot = Forgot your password?
forgot-title = Reset your password
forgot-lede = Enter the email of your account. We send a link to choose a new password.
forgot-button = Email me a reset link
forgot-back = Back to log in
forgot-sent-title = Check your inbox
forgot-sent = If an account uses { $email }, a link to choose a new password is on its way. It works once, for 60 minutes.
forgot-sent-spam = Nothing after a few minutes? Check your spam folder, or ask again later.
reset-title = Choose a new password
reset-lede = For the account { $email }. Every device signed in to it is signed out.
reset-new-password = New password
reset-hint = At least 8 characters.
reset-button = Save the new password
link-expired-title = This link has expired
link-expired = Links in our emails work for a limited time. Ask for a new one below.
link-used-title = This link was already used
link-used = Each link works once. If that was not you, ask for a new link and choose a new password.
link-unknown-title = This link does not work
link-unknown = It may be incomplete: copy the whole address from the email, or ask for a new link.
link-taken-title = That address is taken
link-taken = Another account uses this email address now, so yours was not changed.
link-ask-reset = Email me a new link
link-ask-confirm = Go to your account
email-confirm-title = Confirm your email
email-confirm-lede = Confirm { $email } as the address of your popshop account.
email-confirm-button = Confirm this email
confirmed-title = Your email is confirmed
confirmed = { $email } is confirmed. Payouts and mail about your drops are on.
confirmed-dashboard = Go to your dashboard
mail-could-not-reach = We could not reach { $email }: { $reason }
settings-title = Your account
settings-email = Email
settings-confirmed = confirmed
settings-unconfirmed = not confirmed yet
settings-unconfirmed-note = We sent a link to this address when you signed up. Until you follow it, payouts and mail about your drops wait; your drops sell as usual.
settings-send-confirm = Send the confirmation link again
settings-email-shown = Fans who bought from you see this address on their order page, to reach you with questions.
settings-change-email = Change your email
settings-new-email = New email
settings-current-password = Your current password
settings-change-button = Send a link to the new address
settings-same-email = That is already your address.
settings-wrong-password = That is not your current password.
settings-mail = Mail about your drops
settings-mail-lede = Mail goes to your confirmed address.
settings-mail-legend = Send me
settings-mail-first-sale = The first sale of each drop
settings-mail-goal-reached = When a drop reaches its goal
settings-mail-sold-out = When a drop sells out
settings-mail-drop-ended = When a drop ends, with its orders
settings-mail-daily-digest = A daily digest of the day’s sales
settings-mail-save = Save mail settings
settings-confirm-sent = A new confirmation link is on its way to { $email }.
settings-email-sent = A link is on its way to the new address. Your account moves there once you follow it; the old address is told.
settings-mail-saved = Mail settings saved.
settings-wait = You asked for several links lately. Please wait a while before asking again.
unsubscribe-title = Stop this email?
unsubscribe-first-sale = You will no longer get an email when a drop makes its first sale.
unsubscribe-goal-reached = You will no longer get an email when a drop reaches its goal.
unsubscribe-sold-out = You will no longer get an email when a drop sells out.
unsubscribe-drop-ended = You will no longer get an email when a drop ends.
unsubscribe-daily-digest = You will no longer get the daily digest.
unsubscribe-button = Stop these emails
unsubscribed-title = You are unsubscribed
unsubscribed = We will not send this kind of email any more. You can switch it back on in your account.
unsubscribed-settings = Mail settings
drop-unreachable = Some fans did not get their email
drop-unreachable-note = Their mail server refused it for good. The orders stand; the CSV has the addresses if you want to reach them another way.
dashboard-password-reset = Your new password is saved, and every other device is signed out.
dashboard-confirm-email = Confirm your email: we sent a link to { $email }. Payouts and mail about your drops wait for it.
dashboard-confirm-link = Confirm or change it
payouts-confirm-first = Confirm your email first: payouts go to the owner of a confirmed address. We sent a link to { $email }.
order-page-description = Your order of “{ $slogan }” from { $artist }: what you bought, where it goes and where it stands.
promo-already-held = You already have a checkout open with this code. Finish paying there, or wait until it ends (10 minutes at most) to start again.
payouts-wait = You opened Stripe several times in a row. Wait { $seconds } seconds, then continue.
look-poster = Bold poster
look-retro = Retro script
look-zine = Punk zine
look-typewriter = Typewriter
look-geometric = Geometric
look-serif = Serif classic
look-brush = Brush script
look-neon = Neon night
look-pastel = Pastel script
look-sketch = Sketchbook
call-send-again = Your browser sent an old form. Send your idea again, please.

## Production (issue 16)

production-title = Production
production-lede = Paid orders on their way to fans. Send them to your printer, then mark each shipped (or upload the printer's tracking CSV): every fan gets one “on its way” email with the tracking link.
production-all = All
production-filter = Show orders
printful-heading = Printful
printful-intro = Printful prints and ships this drop: each paid order goes to Printful { $minutes } minutes after payment (until then a refund costs nothing). The margin is what fans paid, less popshop's fee and Printful's cost, before Stripe's fee.
printful-total-cost = Printful's cost
printful-margin = Your margin
printful-cost = Cost
printful-note = Note
printful-refused-help = Printful refused some orders (the reason is beside each). Fix the order in Printful's dashboard (a wrong address, say) and Printful makes it; or refund the fan here.
printful-other-currency = Printful bills your store in { $currency }, not in this drop's currency, so no margin is worked out here.
printful-state-trying = Being placed
printful-state-sent = At Printful
printful-state-refused = Refused by Printful
fulfilment-waiting = Waiting for the printer
fulfilment-in-production = In production
fulfilment-shipped = Shipped
fulfilment-delivered = Delivered
fulfilment-returned = Returned
fulfilment-printer-refused = Printer refused
production-waiting = { $count ->
        [one] 1 paid order is waiting for the printer.
       *[other] { $count } paid orders are waiting for the printer.
    }
production-send-all = Send all waiting to the printer
production-send-chosen = Send the chosen orders to the printer
production-choose = Choose
production-sent = { $count ->
        [one] 1 order is now in production.
       *[other] { $count } orders are now in production.
    }
production-shipped = { $count ->
        [one] 1 order shipped; its fan gets the tracking link.
       *[other] { $count } orders shipped; their fans get the tracking link.
    }{ $again ->
        [0] {""}
        [one] {" "}1 line was shipped already and was left as it was.
       *[other] {" "}{ $again } lines were shipped already and were left as they were.
    }
production-upload = Upload the printer's tracking CSV
production-upload-file = Tracking CSV
production-upload-hint = Columns: order, carrier, tracking_number and, if the printer gives one, tracking_url. The order is the reference the orders export carries (like 74B4F7CF). Every line is checked before anything changes.
production-upload-button = Check and ship
production-none = No orders here.
production-carrier = Carrier
production-number = Tracking number
production-url = Tracking link
production-url-hint = (needed for “Other”)
production-ship = Mark shipped and tell the fan
production-delivered = Mark delivered
production-returned = Mark returned
production-back = Back to production
production-not-shipped = Not shipped
production-not-moved = Nothing changed
production-bad-tracking = Pick a carrier and type the tracking number (4–40 letters and digits); for “Other”, give the tracking link too (https://…).
production-not-in-production = This order is not in production (yet or any more), so it was not marked shipped.
production-wrong-state = This order is not in a state that allows that.
production-csv-refused = Nothing was changed: fix these lines and upload the file again
production-csv-unreadable = The file could not be read as CSV.
production-csv-header = The first line must name the columns order, carrier and tracking_number (and tracking_url if you have it).
production-csv-empty = The file has no orders in it.
production-line-unreadable = Line { $line }: could not be read.
production-line-carrier = Line { $line }: unknown carrier (DHL, Deutsche Post, UPS, USPS, FedEx, Royal Mail, Canada Post, Australia Post, Evri/Hermes, DPD, GLS or Other).
production-line-number = Line { $line }: the tracking number must be 4–40 letters and digits.
production-line-url = Line { $line }: a carrier popshop does not know needs a tracking_url (https://…).
production-line-unknown = Line { $line }: no paid order of yours has that reference.
production-line-not-in-production = Line { $line }: that order is not in production — send it to the printer first.
production-line-shipped-elsewhere = Line { $line }: that order was shipped already with another tracking number.
production-line-duplicate = Line { $line }: the same order is in the file twice.
drop-production = Production
order-way = Where your order is
order-way-paid = Paid
order-way-tracking = Sent with { $carrier }, tracking number { $number }.
order-way-estimate = Expected between { $from } and { $to }.
production-package = { $count ->
        [one] Download the printer's package (1 order in production)
       *[other] Download the printer's package ({ $count } orders in production)
    }
production-package-hint = A ZIP: the orders as CSV (address, size, colour, quantity), a packing list, and the 300 DPI print file per shirt colour.
order-page-making = Your shirt is being made
order-page-delivered = Your shirt has arrived
production-line-ambiguous = Line { $line }: two of your orders share that reference; give the order’s full id (on its row in the orders export) instead.

## Products (issue 23)

product-tee = T-shirt
product-hoodie = Hoodie
product-longsleeve = Long-sleeve tee
product-tote = Tote bag
product-poster = Poster
product-sticker = Sticker
studio-products = Products
studio-products-hint = Sell the design on more than a T-shirt. Sizes and colours below apply to the clothes; each product keeps the ones its blank comes in. The stock limit counts per product.
studio-product-price = { $product } price
studio-product-price-above = at the price per shirt above
studio-one-size = One size
studio-pick-product = Pick at least one product.
studio-printful-tees-only = Printful makes this shop’s T-shirts only: untick the other products, or sell them without Printful.
shop-product = Product
product-in-colour = { $product } in { $colour }
shop-product-picture-front = { $product } printed with “{ $slogan }”
shop-product-picture-back = { $product }, back: no print
shop-product-picture-hanger = { $product } on a hanger, printed with “{ $slogan }”
shop-sold-out-product = sold out
shop-add = Add to cart
shop-cart = Your cart
shop-cart-total = Total before shipping: { $total }
shop-cart-total-label = Total before shipping:
shop-remove = Remove
shop-checkout = Check out — { $total }
shop-by-merch = Merch by { $artist }
shop-pay-note-merch = Secure checkout, prices per item. Add more to the cart and pay once; your address comes next.
shop-pay-note-merch-shipping = Secure checkout, prices per item. Add more to the cart and pay once, with { $shipping } shipping per order; your address comes next.
buy-pick-colour-item = Pick a colour.
buy-one-per-order-item = This drop is one item per order.
buy-quantity-item = Choose how many: 1 to { $most } items per order.
shop-sold-out-note-item = Sold out — everything found a home.
promo-applied-item = { $label } — { $price } each instead of { $was }.
shop-goal-of-item = of { $goal } { $goal ->
        [one] item
       *[other] items
    }
drop-products = Products
drop-held = In checkouts
drop-unlimited = unlimited
drop-print-product = { $product }: { $size } in at 300 DPI.
drop-print-product-bleed = { $product }: { $size } in at 300 DPI, with { $bleed } in bleed on every edge (trimmed off).
drop-print-product-cut = { $product }: { $size } in at 300 DPI, die-cut: the cut line is the magenta path named CutContour.
promos-product = Applies to
promos-every-product = Every product
promo-label-product = code { $code }: { $off } off each { $product }
promo-other-product = { $label }. Pick the { $product } to see its price with the code.

## Operators and moderation (issue 24)
state-taken-down = Taken down
error-gone = This shop was taken down
error-gone-note = popshop's operators took this shop down: { $reason } Nothing can be bought here any more; orders already paid are looked after by the artist.
report-link = Report this shop
report-title = Report this shop
report-about = You are reporting “{ $slogan }”:
report-intro = Tell popshop's operators what is wrong. You need no account, and the artist does not see who reported.
report-reason = What is wrong?
report-reason-infringement = It copies someone's work or trademark
report-reason-infringement-hint = A logo, a band's or brand's name, artwork the seller has no right to.
report-reason-hate = It attacks people
report-reason-hate-hint = Hate speech, threats or harassment.
report-reason-scam = It is a scam
report-reason-scam-hint = It pretends to be someone else, or will not deliver.
report-reason-other = Something else
report-reason-other-hint = Please say what in the note.
report-note = A note for the operators (optional)
report-note-hint = Up to 500 characters. Links to the original work help.
report-send = Send the report
report-pick-reason = Pick what is wrong, so the report reaches the right hands.
report-say-why = Please say in the note what is wrong.
report-too-long = Please keep the note to 500 characters.
report-thanks = Thank you. Your report is with popshop's operators, who look at every one.
report-back = Back to the shop
admin-title = Operators
admin-reports = Reports
admin-no-reports = No open reports.
admin-when = When
admin-shop = Shop
admin-actions = Actions
admin-gone = (deleted)
admin-review = Review
admin-dismiss = Dismiss
admin-drops = Drops
admin-search-label = Find drops by slug, slogan, artist name or email
admin-search = Search
admin-no-drops = No drops match.
admin-artist = Artist
admin-audit = Audit log
admin-no-audit = No operator has acted yet.
admin-who = Who
admin-what = What
admin-on = On
admin-why = Why
admin-back = Back to the operators' page
admin-taken-down-at = Taken down { $when } (UTC). Fans see:
admin-reason-label = Reason (fans and the artist see it)
admin-reason-hint = For example: “Uses the ACME trademark without permission.” Up to 500 characters.
admin-reason-needed = Write the reason: fans and the artist are shown it.
admin-takedown-title = Take this drop down?
admin-takedown-message = The storefront will answer “taken down” with your reason, checkouts stop at once and open ones end, the artist is mailed. You can restore it later.
admin-takedown-button = Take down the drop
admin-restore-title = Restore this drop?
admin-restore-message = The storefront opens again as it was, and checkouts start again.
admin-restore-button = Restore the drop
drop-taken-down = popshop's operators took this drop down on { $when } (UTC):
drop-taken-down-next = Fans see this reason and cannot buy. If you think this is a mistake, reply to the mail we sent you.
mail-takedown-subject = Your drop “{ $slogan }” was taken down
mail-takedown-heading = “{ $slogan }” was taken down
mail-takedown-body = popshop's operators took your drop “{ $slogan }” down. Its storefront now says so, and nothing more can be bought there; checkouts that were open have ended.
mail-takedown-reason = Reason
mail-takedown-next = Orders already paid stay yours to fulfil or refund. If you think this is a mistake, reply to this mail.
mail-takedown-footer = You get this mail because you run this drop on popshop.
js-taken-down = popshop's operators took this shop down:
js-buy-taken-down = This shop was taken down
admin-note = Note
admin-accounts = Accounts
admin-no-accounts = No accounts match.
admin-email = Email
admin-signed-up = Signed up
admin-suspended = Suspended
admin-operator = Operator
admin-active = Active
admin-their-drops = Their drops
admin-suspended-at = Suspended { $when } (UTC). Sign-in shows:
admin-suspend-reason-label = Reason (the account's owner sees it when signing in)
admin-suspend-title = Suspend this account?
admin-suspend-message = Its sessions end now, its drops go offline with your reason (checkouts stop, open ones end), and sign-in shows the reason. Unsuspending brings back the drops that went down with it.
admin-suspend-button = Suspend the account
admin-unsuspend-title = Unsuspend this account?
admin-unsuspend-message = Sign-in works again, and the drops that went offline with the account come back. A drop taken down on its own stays down.
admin-unsuspend-button = Unsuspend the account
admin-not-yourself = You cannot suspend your own account.
login-suspended = This account is suspended: { $reason } If you think this is a mistake, contact popshop's operators.
admin-refunds = Refunds
admin-refunds-progress = { $done } of { $asked } orders refunded. Refunds go out a few at a time; reload to follow them.
admin-refunds-paid-left = { $count ->
    [one] One paid order has not been refunded.
   *[other] { $count } paid orders have not been refunded.
}
admin-refunds-none = No paid orders to refund.
admin-refund-all-title = Refund every paid order?
admin-refund-all-message = Every paid order of this drop is refunded in full through Stripe, a few at a time. Fans get the usual refund mail. This cannot be undone.
admin-refund-all-button = Refund every order
admin-calls = Calls
admin-call = Call
admin-no-calls = No calls match.
admin-ideas = Ideas
admin-no-ideas = No ideas yet.
admin-idea-hidden = Hidden
admin-idea-reason-label = Reason
admin-idea-takedown-button = Take down this idea
admin-call-takedown-title = Take this call down?
admin-call-takedown-message = Its page will answer “taken down” with your reason, and fans can no longer send ideas or vote. You can restore it later.
admin-call-takedown-button = Take down the call
admin-call-restore-title = Restore this call?
admin-call-restore-message = Its page opens again as it was.
admin-call-restore-button = Restore the call
report-call-link = Report this call
admin-idea-restore-button = Restore this idea
promo-label-item = code { $code }: { $off } off each item
