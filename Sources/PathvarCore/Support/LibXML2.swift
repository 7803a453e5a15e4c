import CLibXML2

/// libxml2's global set-up, done exactly once per process.
///
/// Before 2.12, libxml2 builds some global tables lazily and without a lock: the XML Schema
/// type table (`xmlSchemaInitTypes`, first run by `xmlSchemaParse`) and the parser's own
/// globals (`xmlInitParser`). Two threads validating their first pathway at the same moment
/// could each build the type table, and one copy was lost (LeakSanitizer found it when the
/// test suite validated pathways on several threads). A Swift global is initialised once,
/// under `swift_once`, so every entry point into libxml2 goes through this first.
enum LibXML2 {
    private static let initialised: Void = {
        xmlInitParser()
        xmlSchemaInitTypes()
    }()

    /// Makes sure libxml2's globals exist; cheap after the first call.
    ///
    /// Reading the global is what runs its initialiser. It is not wrapped in `precondition`:
    /// release builds of this module use `-Ounchecked`, where a precondition's condition is
    /// never evaluated, and the set-up would silently not happen.
    static func prepare() {
        _ = initialised
    }
}
