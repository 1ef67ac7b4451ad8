/*
 * gnuplot.h — talking to gnuplot safely: quoting outside text into its command language, finding
 * a CJK font, and running one gnuplot process per figure.
 *
 * Every text that comes from data (unit and item names, titles built from them) reaches gnuplot
 * only as a single-quoted string literal written by bk_gp_quote: inside single quotes gnuplot
 * performs no backquote command substitution, no macro (@) expansion and no escape processing,
 * and the only special character, the quote itself, is doubled. Control characters (a newline
 * would end the command) become spaces and invalid UTF-8 becomes U+FFFD, so the SVG gnuplot
 * writes stays well-formed. All labels are drawn with `noenhanced`, so _ ^ @ { } are literal.
 * Numbers go in datablocks; no datablock line carries text.
 *
 * Errors: functions return 0 or -1 and write a one-line reason into ERR (of ERRLEN bytes).
 */
#ifndef BK_GNUPLOT_H
#define BK_GNUPLOT_H

#include <stddef.h>
#include <stdio.h>

typedef enum { BK_PLOT_PNG, BK_PLOT_SVG, BK_PLOT_PDF } bk_plot_format;

/* The format named by PATH's extension (.png, .svg, .pdf, any case); -1 if none. */
int bk_plot_format_of(const char *path);

/*
 * TEXT made safe to show: invalid UTF-8 → U+FFFD, control characters → space, runs of spaces
 * kept; if MAX_CHARS > 0 and the text is longer (in characters), cut to MAX_CHARS − 1 and
 * "…" appended. A new string the caller frees; NULL if memory ran out.
 */
char *bk_gp_clean(const char *text, size_t max_chars);

/*
 * Like bk_gp_clean, but a text longer than MAX_CHARS keeps its beginning and its end around
 * "…" ("廊坊市某某区…第3分部"): names of units often differ only at the end.
 */
char *bk_gp_shorten(const char *text, size_t max_chars);

/* Writes TEXT (cleaned as by bk_gp_clean, uncut) as a single-quoted gnuplot string literal. */
void bk_gp_quote(FILE *out, const char *text);

/*
 * The family name of an installed font that covers Chinese, found with fontconfig's fc-list
 * (Noto Sans CJK SC preferred), copied into FAMILY (of SIZE bytes). BK_CJK_FONT in the
 * environment overrides the search. Returns 0, or -1 with the reason in ERR.
 */
int bk_gp_find_cjk_font(char *family, size_t size, char *err, size_t errlen);

/*
 * Runs gnuplot (BK_GNUPLOT in the environment, else `gnuplot` on PATH) on SCRIPT of LEN
 * bytes, without a shell. Returns 0 if it exited with status 0 and reported no error, else -1
 * with gnuplot's first error line (or why it could not run) in ERR.
 */
int bk_gp_run(const char *script, size_t len, char *err, size_t errlen);

#endif
