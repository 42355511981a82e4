-- wrk script for the public submission load: every request is one citizen's form, with its own
-- signed form token (as the portal issues them), a commune taken in turn from the list, and
-- the address of its citizen.
-- A 302 to a receipt is an acknowledgment; its receipt path is written to a file per thread so
-- that the driver can check that every acknowledged petition is in the database. A 503 that says
-- the petition was not saved ("Chưa lưu được", or the plain page's "chưa được lưu") is a refusal
-- the citizen was told of; any other answer is counted apart.
--
--   wrk -t2 -c8 -d30s -s submit.lua URL -- TOKENS COMMUNES CSRF COOKIE THREADS OUTDIR FIRST
--   TOKENS: a file of form tokens, one a line; COMMUNES: ids separated by commas; FIRST: the
--   number of the first citizen (their addresses follow), so that runs do not share addresses.

local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local function split(text, sep)
  local out = {}
  for piece in string.gmatch(text, "[^" .. sep .. "]+") do out[#out + 1] = piece end
  return out
end

local function enc(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  tokens = {}
  for line in io.lines(args[1]) do tokens[#tokens + 1] = line end
  communes = split(args[2], ",")
  csrf, nthreads = args[3], tonumber(args[5])
  receipts = io.open(args[6] .. "/receipts-" .. id .. ".txt", "w")
  receipts:setvbuf("line")
  toldfile = io.open(args[6] .. "/told-" .. id .. ".txt", "w")
  toldfile:setvbuf("line")
  first_citizen = tonumber(args[7])
  acked, refused, told, n = 0, 0, 0, id
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Cookie"] = "csrftoken=" .. args[4]
  wrk.headers["Referer"] = "http://127.0.0.1/gui-don/"
end

function request()
  if not tokens then return wrk.format(nil, "/gui-don/") end -- wrk's own check, before init
  n = n + nthreads
  local token = tokens[n]
  if not token then error("out of form tokens") end
  local body = "csrfmiddlewaretoken=" .. csrf .. "&token=" .. enc(token)
    .. "&commune=" .. communes[(n % #communes) + 1]
    .. "&kind=reflection&topic=environment&village="
    .. "&subject=" .. enc("Ô nhiễm khói bụi từ lò gạch, phản ánh số " .. n)
    .. "&content=" .. enc("Khói bụi từ lò gạch bay vào khu dân cư, đề nghị UBND xã kiểm tra.")
    .. "&name=" .. enc("Nguyễn Văn An") .. "&address=" .. enc("Thôn Đoàn Kết")
    .. "&phone=0912345678&email=&consent=on&website="
  -- Each citizen sends at most 5 petitions, from an address of their own (the server reads
  -- it from X-Forwarded-For, as behind a reverse proxy), under the real per-address limit.
  local citizen = first_citizen + math.floor(n / 5)
  local address = string.format("10.%d.%d.%d", math.floor(citizen / 65536) % 256,
    math.floor(citizen / 256) % 256, citizen % 256)
  local headers = { ["X-Forwarded-For"] = address }
  for name, value in pairs(wrk.headers) do headers[name] = value end
  return wrk.format(nil, "/gui-don/", headers, body)
end

function response(status, headers, body)
  local location = headers["Location"] or headers["location"] or ""
  if status == 302 and location:find("/bien%-nhan/") then
    acked = acked + 1
    receipts:write(location, "\n")
  elseif status == 503 and body and (body:find("Chưa lưu được", 1, true)
      or body:find("chưa được lưu", 1, true)) then
    told = told + 1
    -- The form comes back with its token: the driver checks that nothing was stored for it.
    local token = body:match('name="token" value="([^"]+)"')
    if token then toldfile:write(token, "\n") end
  else
    refused = refused + 1
  end
end

function done(summary, latency, requests)
  local a, r, t503 = 0, 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("acked"); r = r + t:get("refused"); t503 = t503 + t:get("told")
  end
  local e = summary.errors
  io.write(string.format(
    '{"acknowledged": %d, "refused": %d, "told": %d, "socket_errors": %d, "seconds": %.2f, '
      .. '"p50_ms": %.1f, "p95_ms": %.1f, "max_ms": %.1f}\n',
    a, r, t503, e.connect + e.read + e.write + e.timeout, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency.max / 1000))
end
