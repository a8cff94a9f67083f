-- Shared by the Neovim scripts: *.zone files get filetype dnszone, and a dnszone buffer is
-- attached to one dane-zone client (node <server> --stdio). Returns a function giving its id.
return function(server, zone)
  vim.cmd('autocmd BufRead,BufNewFile *.zone set filetype=dnszone')
  local client_id
  function _G.attach_dane_zone()
    client_id = client_id or vim.lsp.start_client({
      name = 'dane-zone', cmd = { 'node', server, '--stdio' }, root_dir = vim.fn.fnamemodify(zone, ':h'),
    })
    vim.lsp.buf_attach_client(0, client_id)
  end
  vim.cmd('autocmd FileType dnszone lua _G.attach_dane_zone()')
  return function() return client_id end
end
