/// The tool's version, written into reports so that an audit can be traced to the tool that made it.
public enum PathvarVersion {
    public static let current = "0.1.0"
}
