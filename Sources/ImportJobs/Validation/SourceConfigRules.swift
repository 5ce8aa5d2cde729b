/// What `source_config` must hold for each source type, and which of its
/// fields are safe to keep.
struct SourceConfigField: Sendable {
    /// How a field's value is checked.
    enum Kind: Sendable {
        /// A non-empty string.
        case text
        /// An absolute http(s) URL.
        case url
        /// An email address.
        case email
        /// A non-empty string or a positive integer (GitLab project ids).
        case textOrPositiveInteger
    }

    let name: String
    let kind: Kind
    let isRequired: Bool
    /// Whether the value is copied into the job's `source`. Credentials never are.
    let isKept: Bool

    /// An error on this field, named by its path `source_config.<name>`.
    func error(_ message: String) -> FieldError {
        FieldError(field: "source_config." + name, message: message)
    }

    static func fields(for type: SourceType) -> [SourceConfigField] {
        switch type {
        case .jira: return jira
        case .servicenow: return servicenow
        case .github: return github
        case .gitlab: return gitlab
        }
    }

    private static let jira = [
        SourceConfigField(name: "base_url", kind: .url, isRequired: true, isKept: true),
        SourceConfigField(name: "email", kind: .email, isRequired: true, isKept: true),
        SourceConfigField(name: "api_token", kind: .text, isRequired: true, isKept: false),
        SourceConfigField(name: "project_key", kind: .text, isRequired: true, isKept: true),
    ]
    private static let servicenow = [
        SourceConfigField(name: "instance_url", kind: .url, isRequired: true, isKept: true),
        SourceConfigField(name: "username", kind: .text, isRequired: true, isKept: true),
        SourceConfigField(name: "password", kind: .text, isRequired: true, isKept: false),
    ]
    private static let github = [
        SourceConfigField(name: "token", kind: .text, isRequired: true, isKept: false),
        SourceConfigField(name: "owner", kind: .text, isRequired: true, isKept: true),
        SourceConfigField(name: "repo", kind: .text, isRequired: true, isKept: true),
    ]
    private static let gitlab = [
        SourceConfigField(name: "token", kind: .text, isRequired: true, isKept: false),
        SourceConfigField(name: "project_id", kind: .textOrPositiveInteger, isRequired: true, isKept: true),
        SourceConfigField(name: "base_url", kind: .url, isRequired: false, isKept: true),
    ]
}

enum SourceConfigRules {
    /// Checks `config` against the fields of `type`, appending every problem
    /// to `errors`, and returns the kept (non-secret) fields, trimmed, in
    /// the order of the rules. Unknown keys are ignored and never copied.
    static func validate(_ config: JSONObject, type: SourceType, errors: inout [FieldError]) -> JSONObject {
        var source = JSONObject()
        for field in SourceConfigField.fields(for: type) {
            guard let value = config[field.name], !value.isNull else {
                if field.isRequired { errors.append(field.error("is required")) }
                continue
            }
            if let accepted = check(value, as: field, errors: &errors), field.isKept {
                source[field.name] = accepted
            }
        }
        return source
    }

    /// The value to keep when `value` is acceptable for `field`, else `nil`
    /// with an error appended.
    private static func check(
        _ value: JSONValue,
        as field: SourceConfigField,
        errors: inout [FieldError]
    ) -> JSONValue? {
        let text: String
        switch (value, field.kind) {
        case (.string(let string), _):
            text = string
        case (.integer(let number), .textOrPositiveInteger) where number > 0:
            return value
        case (_, .textOrPositiveInteger):
            errors.append(field.error("must be a non-empty string or a positive integer"))
            return nil
        default:
            errors.append(field.error("must be a string"))
            return nil
        }

        let trimmed = TextRules.trimmed(text)
        var problem: String?
        if trimmed.isEmpty {
            problem = "must not be empty"
        } else if TextRules.isLonger(trimmed, than: TextRules.maximumConfigLength) {
            problem = "must be at most \(TextRules.maximumConfigLength) characters"
        } else if field.kind == .url {
            problem = TextRules.urlProblem(trimmed)
        } else if field.kind == .email {
            problem = TextRules.emailProblem(trimmed)
        }
        if let problem {
            errors.append(field.error(problem))
            return nil
        }
        return .string(trimmed)
    }
}
