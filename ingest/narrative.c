#include "extract.h"
int bk_extract_narrative(bk_extraction *x, char *const *lines, unsigned first, unsigned last)
{ (void)x; (void)lines; (void)first; (void)last; return 0; }
