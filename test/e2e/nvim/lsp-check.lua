-- Headless Neovim (0.7+, Debian) as a second, independent LSP client of dist/server.js:
-- diagnostics arrive, hover answers, and an edit that fixes the record clears its diagnostic.
-- Usage: SERVER=dist/server.js ZONE=file.zone nvim --headless --clean -u NONE -c "luafile lsp-check.lua"
-- Prints "ok …"/"FAIL …" lines and exits non-zero on any failure.
local server = assert(os.getenv('SERVER'), 'SERVER not set')
local zone = assert(os.getenv('ZONE'), 'ZONE not set')
local out = function(...) io.stdout:write(table.concat({ ... }, ' ') .. '\n') end
local failures = 0
local function check(cond, what) if cond then out('ok   ' .. what) else out('FAIL ' .. what); failures = failures + 1 end end
local RULE = 'tlsa-usage-unusable-for-smtp'

local dir = debug.getinfo(1, 'S').source:sub(2):match('(.*/)')
local client = dofile(dir .. 'attach.lua')(server, zone)

local t0 = vim.loop.hrtime()
vim.cmd('edit ' .. vim.fn.fnameescape(zone))
local bufnr = vim.api.nvim_get_current_buf()
check(vim.bo[bufnr].filetype == 'dnszone', 'filetype dnszone')

local function rule_diag()
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do if d.code == RULE then return d end end
end
-- line of the TLSA record (0-based)
local tl
for i, l in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do if l:match('^_25%._tcp') then tl = i - 1 end end

check(vim.wait(20000, function() return rule_diag() ~= nil end, 50), RULE .. ' diagnostic published')
local d = rule_diag()
out(string.format('diagnostics after %.0f ms: %s', (vim.loop.hrtime() - t0) / 1e6,
  vim.inspect(vim.tbl_map(function(x) return { x.lnum, x.col, x.end_col, x.code, x.message } end, vim.diagnostic.get(bufnr)), { newline = ' ', indent = '' })))
check(d and d.lnum == tl, 'diagnostic on the TLSA line')
check(d and d.source == 'dane-zone', 'source dane-zone')

local line = vim.api.nvim_buf_get_lines(bufnr, tl, tl + 1, false)[1]
local col = line:find('TLSA 0', 1, true) + 4 -- 0-based column of the usage field
local res = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = tl, character = col } }, 10000)
local hover = res and res[client()] and res[client()].result
local text = hover and hover.contents and (hover.contents.value or vim.inspect(hover.contents)) or ''
out('hover: ' .. text:gsub('\n', ' '):sub(1, 300))
check(text:find('PKIX-TA', 1, true) ~= nil, 'hover names usage 0 PKIX-TA')

vim.api.nvim_buf_set_lines(bufnr, tl, tl + 1, false, { (line:gsub('TLSA 0 0 1', 'TLSA 3 1 1')) })
check(d ~= nil and vim.wait(10000, function() return rule_diag() == nil end, 50), 'diagnostic cleared after the edit')

vim.lsp.get_client_by_id(client()).stop()
out(failures == 0 and 'ALL PASSED' or (failures .. ' FAILED'))
vim.cmd(failures == 0 and 'qall!' or 'cquit 1')
