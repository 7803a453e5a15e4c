#ifndef PATHVAR_CLIBXML2_SHIM_H
#define PATHVAR_CLIBXML2_SHIM_H

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

/// `xmlFree` is a mutable C global (a function pointer); Swift 6 refuses to
/// touch it from concurrent code, so it is called through this inline function.
static inline void pathvar_xmlFree(void *pointer) { xmlFree(pointer); }

#endif
