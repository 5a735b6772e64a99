-- zhengce for Neovim: `.policy` files get the filetype `zhengce` and the language
-- server `zhengce lsp`, which shows what `zhengce check` would say as you type.
--
-- Try it as it is:   nvim -u editors/neovim/zhengce.lua policies/hunan/2025-employment-assistance.policy
-- or copy it into your own init.lua. Works with Neovim 0.7 and newer.
--
-- Settings (set them before this file runs, e.g. with `--cmd`):
--   vim.g.zhengce_cmd   the server's command, a list (default { 'zhengce', 'lsp' })
--   vim.g.zhengce_lang  'zh' or 'en': the messages' language (default: the server's
--                       choice, from ZHENGCE_LANG or the locale; Chinese when unset)

vim.opt.encoding = 'utf-8'
vim.opt.laststatus = 2
-- The status line says when the server is attached to the buffer.
vim.opt.statusline = "%f %m%r%=%{get(b:, 'zhengce_lsp', '')} %l:%c "

-- `.policy` files are zhengce's.
vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, {
  pattern = '*.policy',
  command = 'setfiletype zhengce',
})

-- Problems under the text and in the sign column; `gl` shows the whole message.
vim.diagnostic.config({
  virtual_text = true,
  signs = true,
  underline = true,
  update_in_insert = false,
  severity_sort = true,
})

-- The folder of the nearest `zhengce.toml` above the file, else the file's own.
local function root_of(file)
  local dir = vim.fn.fnamemodify(file, ':p:h')
  local toml = vim.fn.findfile('zhengce.toml', dir .. ';')
  if toml ~= '' then
    return vim.fn.fnamemodify(toml, ':p:h')
  end
  return dir
end

local function on_attach(client, bufnr)
  vim.b[bufnr].zhengce_lsp = '[' .. client.name .. ']'
  vim.cmd('redrawstatus')
  local opts = { buffer = bufnr, silent = true }
  vim.keymap.set('n', 'K', vim.lsp.buf.hover, opts)
  vim.keymap.set('n', 'gd', vim.lsp.buf.definition, opts)
  vim.keymap.set('n', 'gl', vim.diagnostic.open_float, opts)
  vim.bo[bufnr].omnifunc = 'v:lua.vim.lsp.omnifunc' -- <C-x><C-o> completes
  vim.api.nvim_buf_create_user_command(bufnr, 'ZhengceFormat', function()
    if vim.lsp.buf.format then
      vim.lsp.buf.format({ async = false })
    else
      vim.lsp.buf.formatting_sync() -- Neovim 0.7
    end
  end, {})
end

local clients = {} -- Neovim 0.7: one client per root

local function start(args)
  local bufnr = args.buf
  local file = vim.api.nvim_buf_get_name(bufnr)
  local root = root_of(file)
  local config = {
    name = 'zhengce',
    cmd = vim.g.zhengce_cmd or { 'zhengce', 'lsp' },
    root_dir = root,
    init_options = vim.g.zhengce_lang and { lang = vim.g.zhengce_lang } or nil,
    on_attach = on_attach,
  }
  if vim.lsp.start then
    vim.lsp.start(config, { bufnr = bufnr }) -- Neovim 0.8 and newer
    return
  end
  local id = clients[root]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client(config)
    clients[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
end

vim.api.nvim_create_autocmd('FileType', { pattern = 'zhengce', callback = start })

-- Case files (YAML) in a policy repository (a folder with a `zhengce.toml` above them):
-- the server checks them against the repository's policy and completes their keys.
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'yaml',
  callback = function(args)
    local file = vim.api.nvim_buf_get_name(args.buf)
    if vim.fn.findfile('zhengce.toml', vim.fn.fnamemodify(file, ':p:h') .. ';') ~= '' then
      start(args)
    end
  end,
})
