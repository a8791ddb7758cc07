-- wrk script for scripts/bench-viewers: checkouts spread over the drops
-- other-drop-1 … other-drop-100, each connection one every 40 ms (with 4
-- connections: 100 checkouts a second), posted as a browser posts the
-- storefront's form (Origin from the environment).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Origin"] = os.getenv("ORIGIN")
wrk.body = "size=M&colour=black&quantity=1"
local n = 0
function request()
    n = n + 1
    return wrk.format(nil, "/d/other-drop-" .. ((n % 100) + 1) .. "/checkout")
end
function delay()
    return 40
end
