/// The system an import reads from.
public enum SourceType: String, CaseIterable, Sendable {
    /// Atlassian Jira.
    case jira
    /// ServiceNow.
    case servicenow
    /// GitHub.
    case github
    /// GitLab.
    case gitlab

    /// The raw values joined for error messages: "jira, servicenow, github, gitlab".
    public static let allowedValuesDescription = allCases.map(\.rawValue).joined(separator: ", ")
}
