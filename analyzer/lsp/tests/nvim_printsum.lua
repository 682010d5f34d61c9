-- Driven by nvim_printsum.sh.  Neovim 0.7 API: start_client + buf_attach_client.
local env = os.getenv
local src, db = env('COFFMAN_TEST_SRC'), env('COFFMAN_TEST_DB')
local latest = nil   -- diagnostics of the last publishDiagnostics for src
local publishes = 0

local function log(...)
  io.stderr:write(string.format(...) .. '\n')
end

local function fail(...)
  log('FAIL: ' .. string.format(...))
  if latest then log('last diagnostics: %s', vim.inspect(latest)) end
  os.exit(1)
end

local client_id = vim.lsp.start_client({
  name = 'coffman-clangd',
  cmd = { env('COFFMAN_TEST_PROXY'), '--clangd=clangd-19',
          '--coffman-check=' .. env('COFFMAN_TEST_CHECK'),
          '--coffman-debounce-ms=200', '--compile-commands-dir=' .. db,
          '--background-index=false', '--log=error' },
  cmd_env = { TMPDIR = db },
  root_dir = db,
  flags = { debounce_text_changes = 50 },
  handlers = {
    ['textDocument/publishDiagnostics'] = function(_, result)
      if vim.uri_to_fname(result.uri) == src then
        latest = result.diagnostics
        publishes = publishes + 1
      end
    end,
  },
  on_exit = function(code, signal)
    if code ~= 0 then fail('server exited with %d (signal %d)', code, signal) end
  end,
})
if not client_id then fail('could not start coffman-clangd') end

vim.cmd('edit ' .. vim.fn.fnameescape(src))
local buf = vim.api.nvim_get_current_buf()
vim.bo[buf].filetype = 'c'
vim.lsp.buf_attach_client(buf, client_id)

-- The line the testcase marks as the inversion's primary location.
local marker
for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
  if line:find('coffman%-expect:.*lock%-order%-inversion') then marker = i - 1 end
end
if not marker then fail('no lock-order-inversion marker in %s', src) end

local function find(pred)
  for _, d in ipairs(latest or {}) do
    if pred(d) then return d end
  end
end
local function is_inversion(d)
  return d.source == 'coffman' and d.code == 'coffman-lock-order-inversion'
end
local function from_clangd(d)
  return d.source ~= 'coffman'
end

-- 1. Open: clangd's warning and coffman's finding in one publish.
local ok = vim.wait(120000, function()
  return find(is_inversion) ~= nil and find(from_clangd) ~= nil
end, 100)
if not ok then fail('no merged clangd + coffman diagnostics after opening') end
local inv = find(is_inversion)
log('clangd: %s', find(from_clangd).message)
log('coffman: line %d: %s', inv.range.start.line + 1, inv.message)
if inv.range.start.line ~= marker then
  fail('inversion reported on line %d, marker is on line %d', inv.range.start.line + 1, marker + 1)
end
local related = inv.relatedInformation or {}
local text = {}
for _, r in ipairs(related) do
  text[#text + 1] = r.message
  log('  note: %s', r.message)
end
text = table.concat(text, '\n')
if #related < 2 or not text:find('a%.mu') or not text:find('b%.mu') then
  fail('inversion lacks notes naming a.mu and b.mu')
end
if not text:find('circular wait') then fail('inversion lacks the circular-wait condition') end

-- 2. The fix, as a user would type it: swap the arguments of one thread.
local row, s, e
for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
  local a, b = line:find('&b, &a', 1, true)
  if a and line:find('ba = {', 1, true) then row, s, e = i - 1, a - 1, b end
end
if not row then fail('cannot find "ba = {&b, &a}" to fix') end
vim.api.nvim_buf_set_text(buf, row, s, row, e, { '&a, &b' })
log('edited line %d: %s', row + 1, vim.api.nvim_buf_get_lines(buf, row, row + 1, false)[1])

ok = vim.wait(120000, function()
  return latest ~= nil and find(is_inversion) == nil
end, 100)
if not ok then fail('the inversion is still reported after the fix') end
if not find(from_clangd) then fail("clangd's diagnostics vanished after the edit") end
log('PASS: inversion cleared by the edit (%d publishes)', publishes)
vim.lsp.stop_client(client_id)
vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
os.exit(0)
