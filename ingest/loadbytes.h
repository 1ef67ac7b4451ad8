/*
 * loadbytes.h — the loader's check of a row's bytes, before any field is read (internal).
 *
 * A row holding a NUL byte, a C0 control character or DEL, or text that is not UTF-8 is
 * rejected here with the field and an excerpt; GB18030 is told apart from damage by what the
 * file showed before (bk_load_state). Fields r->known_fields marks were checked when first
 * accepted (ingest/loadguess.h) and are passed over.
 *
 * Errors: -1 with a BK_SEV_ERROR diagnostic in st->diags (or, for GB18030, the state set for
 * the one message at the end of the file); 0 when the row's bytes are fine.
 */
#ifndef BK_LOADBYTES_H
#define BK_LOADBYTES_H

#include "loadrow.h"

int bk_load_reject_bytes(const bk_row_ctx *r);

#endif
