/* itemsource.c — what a record's source says of it (index.h): derived or read, and from which
 * document. */
#include <string.h>

#include "index.h"

bool bk_item_is_derived(const bk_item *it)
{
    /* "derived:7" is kept as the document "derived" and line 7 (ingest/model.h) */
    const char *d = bk_item_source_document(it);
    /* nearly every source is a document's name: its first letter settles it without a call */
    return d[0] == 'd' &&
           (strncmp(d, "derived:", 8) == 0 || (it->source_line && strcmp(d, "derived") == 0));
}

void bk_item_document(const bk_item *it, const char **start, size_t *len)
{
    /* the text up to the source's first ':', which is never past its document part */
    const char *s = bk_item_source_document(it);
    if (bk_item_is_derived(it)) {
        const char *from = strstr(s, " from ");
        s = from ? from + 6 : s;
    }
    *start = s;
    *len = strcspn(s, ":");
}

bool bk_items_same_document(const bk_item *a, const bk_item *b)
{
    const char *sa, *sb;
    size_t la, lb;
    bk_item_document(a, &sa, &la);
    bk_item_document(b, &sb, &lb);
    return la == lb && strncmp(sa, sb, la) == 0;
}
