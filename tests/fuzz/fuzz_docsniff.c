/*
 * fuzz_docsniff.c — libFuzzer harness for the document sniffer (ingest/docsniff.h).
 *
 * Any bytes are sniffed. The sniffer must not read outside them (AddressSanitizer), must name
 * a kind, must give an offset inside the input for binary data and a byte-order mark's length
 * only for text, and every refusal must be one NUL-terminated line.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../ingest/docsniff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* a copy of exactly SIZE bytes, so a read past the end is caught */
    char *bytes = malloc(size ? size : 1);
    if (!bytes)
        return 0;
    if (size)
        memcpy(bytes, data, size);
    bk_docsniff s = bk_docsniff_bytes(bytes, size);
    if (!bk_doc_kind_name(s.kind))
        abort();
    if (s.kind == BK_DOC_BINARY && s.at >= size)
        abort();
    if (s.skip && (s.kind != BK_DOC_TEXT_BOM || s.skip != 3))
        abort();
    char msg[256];
    memset(msg, 'x', sizeof msg);
    if (bk_docsniff_refusal("dir/a b'c.txt", &s, msg, sizeof msg)) {
        if (!memchr(msg, '\0', sizeof msg) || strchr(msg, '\n'))
            abort();
    } else if (s.kind != BK_DOC_TEXT && s.kind != BK_DOC_TEXT_BOM && s.kind != BK_DOC_PDF) {
        abort();
    }
    free(bytes);
    return 0;
}
