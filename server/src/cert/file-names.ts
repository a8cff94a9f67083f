// How certificate files, public keys and certificate requests are named: what the server asks
// the client to watch (a renewal re-checks the zones linking it) and what completion after
// `cert=` lists. The client's file picker offers the same extensions.
export const CERT_EXTENSIONS = ['pem', 'crt', 'cer', 'der', 'pub', 'cert', 'csr', 'req'];

/** A file name with one of CERT_EXTENSIONS, in any case. */
export const CERT_FILE_NAME = new RegExp(`\\.(${CERT_EXTENSIONS.join('|')})$`, 'i');
