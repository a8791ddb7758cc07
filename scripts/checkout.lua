-- wrk script for scripts/bench-checkout: every request starts a checkout of one
-- shirt. CSRF comes from the environment (cookie and form field must match).
-- Each request comes from its own fan, as a trusted proxy (the bench starts
-- popshop with POPSHOP_TRUSTED_PROXIES=127.0.0.1) reports in X-Forwarded-For,
-- so the per-client limits (holds per drop, checkouts per minute) apply as in
-- a real rush instead of all requests sharing one address.
local token = os.getenv("CSRF")
wrk.method = "POST"
-- PICK: what is bought (default one shirt; scripts/bench-checkout LINES=3
-- sends a cart of three lines).
wrk.body = "csrf=" .. token .. "&" .. (os.getenv("PICK") or "size=M&colour=black&quantity=1")
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "popshop_csrf=" .. token

local counter = 0
local thread_id = 0
local next_thread = 0

function setup(thread)
    next_thread = next_thread + 1
    thread:set("thread_id", next_thread)
end

function request()
    counter = counter + 1
    local n = counter * 4 + thread_id
    local addr = string.format("10.%d.%d.%d", math.floor(n / 65536) % 256, math.floor(n / 256) % 256, n % 256)
    wrk.headers["X-Forwarded-For"] = addr
    return wrk.format()
end
