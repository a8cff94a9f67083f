-- Headless Neovim as an LSP client of a long zone (over the server's 200 000-line threshold):
-- the server's work-done progress reaches the editor ("Checking zone", whole percents going up,
-- then the end), and the zone's diagnostics follow.
-- Usage: SERVER=dist/server.js ZONE=long.zone FAULT_LINE=n nvim --headless --clean -u NONE -c "luafile lsp-progress.lua"
local server = assert(os.getenv('SERVER'), 'SERVER not set')
local zone = assert(os.getenv('ZONE'), 'ZONE not set')
local fault = tonumber((assert(os.getenv('FAULT_LINE'), 'FAULT_LINE not set')))
local out = function(...) io.stdout:write(table.concat({ ... }, ' ') .. '\n') end
local failures = 0
local function check(cond, what) if cond then out('ok   ' .. what) else out('FAIL ' .. what); failures = failures + 1 end end

-- every $/progress value, as Neovim's own handler receives it
local seen = {}
local default = vim.lsp.handlers['$/progress']
vim.lsp.handlers['$/progress'] = function(err, result, ctx, config)
  table.insert(seen, result.value)
  if default then return default(err, result, ctx, config) end
end

local dir = debug.getinfo(1, 'S').source:sub(2):match('(.*/)')
local client = dofile(dir .. 'attach.lua')(server, zone)

vim.cmd('edit ' .. vim.fn.fnameescape(zone))
local bufnr = vim.api.nvim_get_current_buf()
local function ended() return #seen > 0 and seen[#seen].kind == 'end' end
local function fault_diag()
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do if d.lnum == fault and d.code == 'rdata-invalid' then return d end end
end
check(vim.wait(60000, ended, 20), 'progress ended')
check(vim.wait(30000, function() return fault_diag() ~= nil end, 20), 'the fault\'s diagnostic published')

local first = seen[1] or {}
out('progress: ' .. #seen .. ' messages; first: ' .. vim.inspect(first, { newline = ' ', indent = '' }))
check(first.kind == 'begin' and first.title == 'Checking zone', 'begins with "Checking zone"')
check(type(first.message) == 'string' and first.message:match('^long%.zone %(210,000 lines%) %d+%%$') ~= nil, 'names the document and its length')
local rising, last = true, first.percentage or -1
for i = 2, #seen - 1 do
  local v = seen[i]
  if v.kind ~= 'report' or not v.percentage or v.percentage <= last or v.percentage > 100 then rising = false end
  last = v.percentage or last
end
check(#seen >= 4 and rising, 'reports with whole percents going up (' .. (#seen - 2) .. ' reports, last ' .. tostring(last) .. '%)')

vim.lsp.get_client_by_id(client()).stop()
out(failures == 0 and 'ALL PASSED' or (failures .. ' FAILED'))
vim.cmd(failures == 0 and 'qall!' or 'cquit 1')
