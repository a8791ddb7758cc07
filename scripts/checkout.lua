-- wrk script for scripts/bench-checkout: every request starts a checkout of one
-- shirt. CSRF comes from the environment (cookie and form field must match).
local token = os.getenv("CSRF")
wrk.method = "POST"
wrk.body = "csrf=" .. token .. "&size=M&colour=black&quantity=1"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "popshop_csrf=" .. token
