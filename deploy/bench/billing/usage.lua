-- GET /api/billing/usage as one of the bench's users (TOKEN from the environment).
wrk.method = "GET"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.path = "/api/billing/usage"
