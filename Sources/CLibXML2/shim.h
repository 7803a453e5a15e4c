#ifndef PATHVAR_CLIBXML2_SHIM_H
#define PATHVAR_CLIBXML2_SHIM_H

/// Debian's libxml2 is built with ICU, and its `encoding.h` then includes the system's
/// `<unicode/ucnv.h>`. Foundation brings its own ICU headers (`_FoundationICU`), and the
/// two `UErrorCode` enums clash in any module that sees both: a clean build fails. pathvar
/// never touches libxml2's ICU converters (only pointers to encoding handlers pass through
/// Swift), so the ICU parts of libxml2's headers are left out.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlschemastypes.h>

/// `xmlFree` is a mutable C global (a function pointer); Swift 6 refuses to
/// touch it from concurrent code, so it is called through this inline function.
static inline void pathvar_xmlFree(void *pointer) { xmlFree(pointer); }

#endif
