/* chartrender.c — bk_chart_render of chart.h: a chart's script through gnuplot into a file
 * that appears whole or not at all. */
#include "chart.h"
#include "../ingest/alloc.h"
#include "escape.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* gnuplot's SVG names itself where a reader sees it: a browser shows <title> as the tab's name
 * and a series' <title> as its tooltip ("Gnuplot", "gnuplot_plot_3"). PATH is rewritten with
 * the chart's title in the first and the others (and gnuplot's <desc>) left out. Returns 0,
 * -2 when the file is empty, or -1 (errno says why). */
static int svg_tidy(const char *path, const char *title)
{
    FILE *in = fopen(path, "rb");
    if (!in)
        return -1;
    char *text = NULL, *out = NULL;
    size_t cap = 0, outlen = 0;
    ssize_t len = getdelim(&text, &cap, '\0', in); /* the whole file: SVG has no NUL */
    fclose(in);
    if (len <= 0) {
        free(text);
        return -2; /* nothing written: not a chart */
    }
    FILE *o = bk_open_memstream(&out, &outlen);
    if (!o) {
        free(text);
        return -1;
    }
    for (const char *p = text; *p;) {
        if (strncmp(p, "<title>Gnuplot</title>", 22) == 0) {
            fputs("<title>", o);
            bk_html_text(o, title ? title : "");
            fputs("</title>", o);
            p += 22;
        } else if (strncmp(p, "<desc>", 6) == 0 || strncmp(p, "<title>gnuplot_plot_", 20) == 0) {
            const char *end = strstr(p, p[1] == 'd' ? "</desc>" : "</title>");
            if (!end)
                break; /* not gnuplot's own file: leave it as it was */
            p = end + (p[1] == 'd' ? 7 : 8);
        } else {
            fputc(*p++, o);
        }
    }
    free(text);
    if (fclose(o) != 0) {
        free(out);
        return -1;
    }
    FILE *w = fopen(path, "wb");
    int rc = w && fwrite(out, 1, outlen, w) == outlen ? 0 : -1;
    if (w && fclose(w) != 0)
        rc = -1;
    free(out);
    return rc;
}

int bk_chart_render(const bk_chart *c, const char *path, const char *font, char *err,
                    size_t errlen)
{
    int format = bk_plot_format_of(path);
    if (format < 0) {
        snprintf(err, errlen, "%s: the output must end in .png, .svg or .pdf", path);
        return -1;
    }
    char found[256];
    if (!font) {
        if (bk_gp_find_cjk_font(found, sizeof found, err, errlen) != 0)
            return -1;
        font = found;
    }
    /* gnuplot writes a temporary file beside PATH (same file system, so rename is atomic). */
    size_t plen = strlen(path);
    char *tmp = bk_malloc(plen + 32);
    if (!tmp) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    /* A name nobody can foresee, created here (O_EXCL), so no link planted beside PATH can
     * make gnuplot write elsewhere; gnuplot then truncates and fills this file. */
    snprintf(tmp, plen + 32, "%s.tmp-XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        snprintf(err, errlen, "%s: cannot create a file beside it: %s", path, strerror(errno));
        free(tmp);
        return -1;
    }
    mode_t mask = umask(0); /* mkstemp makes it private; a chart gets the usual mode */
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    close(fd);
    char *script = NULL;
    size_t len = 0;
    FILE *out = bk_open_memstream(&script, &len);
    int rc = -1;
    if (!out || bk_chart_script(out, c, tmp, (bk_plot_format)format, font) != 0) {
        snprintf(err, errlen, "out of memory writing the gnuplot script");
        if (out)
            fclose(out);
    } else if (fclose(out) != 0) {
        snprintf(err, errlen, "out of memory writing the gnuplot script");
    } else if (bk_gp_run(script, len, err, errlen) == 0) {
        int tidy = format == BK_PLOT_SVG ? svg_tidy(tmp, c->title) : 0;
        if (tidy == -2)
            snprintf(err, errlen, "%s: gnuplot wrote nothing", path);
        else if (tidy != 0)
            snprintf(err, errlen, "%s: cannot rewrite gnuplot's SVG: %s", tmp, strerror(errno));
        else if (rename(tmp, path) == 0)
            rc = 0;
        else
            snprintf(err, errlen, "%s: cannot write: %s", path, strerror(errno));
    }
    if (rc != 0)
        unlink(tmp);
    free(script);
    free(tmp);
    return rc;
}
