/* Which compile_commands.json describes a file: the one clangd would use.
 * coffman-check gets its directory as -p, so the buffer is analysed with
 * the file's real compile command. */
#ifndef COFFMAN_LSP_COMPDB_H
#define COFFMAN_LSP_COMPDB_H

/* `hint` (clangd's --compile-commands-dir) if given, else the nearest
 * enclosing directory D of `file` with D/compile_commands.json or
 * D/build/compile_commands.json; NULL if there is none.  Caller frees. */
char *compdb_find(const char *file, const char *hint);

/* Writes DIR/compile_commands.json with a plain C11 command for `file`,
 * for files no database knows.  Returns 0 or -1 (errno set). */
int compdb_write_default(const char *dir, const char *file);

#endif
