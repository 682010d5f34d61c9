/* file:// URIs <-> filesystem paths, as editors send them to clangd. */
#ifndef COFFMAN_LSP_URI_H
#define COFFMAN_LSP_URI_H

/* Decoded absolute path of a file:// URI, or NULL for other schemes.
 * Caller frees. */
char *uri_to_path(const char *uri);
/* file:// URI for an absolute path, percent-encoding what RFC 3986 needs.
 * Caller frees. */
char *uri_from_path(const char *path);

#endif
