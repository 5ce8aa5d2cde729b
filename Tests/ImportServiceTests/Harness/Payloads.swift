import Foundation

/// Request bodies for POST /api/imports, one valid example per source type.
///
/// Credential values are distinctive strings so tests can search responses, Redis and logs
/// for them.
enum Payloads {
    /// Secret values used below; none may ever appear in a response, in Redis or in logs.
    static let secrets = ["test-token", "gh-secret-token-4242", "gl-secret-token-4343", "sn-secret-password-4444"]

    /// The seed document's Jira example, verbatim.
    static var jira: [String: Any] {
        [
            "source_type": "jira",
            "source_config": [
                "base_url": "https://test.atlassian.net",
                "email": "test@example.com",
                "api_token": "test-token",
                "project_key": "TEST",
            ],
            "options": ["batch_size": 100, "preview_limit": 10],
        ]
    }

    /// ServiceNow with its required fields.
    static var servicenow: [String: Any] {
        [
            "source_type": "servicenow",
            "source_config": [
                "instance_url": "https://dev12345.service-now.com",
                "username": "admin",
                "password": "sn-secret-password-4444",
            ],
        ]
    }

    /// GitHub with its required fields.
    static var github: [String: Any] {
        [
            "source_type": "github",
            "source_config": ["token": "gh-secret-token-4242", "owner": "octocat", "repo": "hello-world"],
        ]
    }

    /// GitLab with its required fields and the optional base_url.
    static var gitlab: [String: Any] {
        [
            "source_type": "gitlab",
            "source_config": ["token": "gl-secret-token-4343", "project_id": "12345",
                              "base_url": "https://gitlab.example.com"],
        ]
    }

    /// The valid payload for `sourceType`.
    static func valid(_ sourceType: String) -> [String: Any] {
        switch sourceType {
        case "jira": return jira
        case "servicenow": return servicenow
        case "github": return github
        default: return gitlab
        }
    }

    /// All four source types.
    static let sourceTypes = ["jira", "servicenow", "github", "gitlab"]

    /// Required `source_config` fields per source type (from the contract).
    static let requiredFields: [String: [String]] = [
        "jira": ["base_url", "email", "api_token", "project_key"],
        "servicenow": ["instance_url", "username", "password"],
        "github": ["token", "owner", "repo"],
        "gitlab": ["token", "project_id"],
    ]

    /// `payload` with `source_config[field]` set to `value` (nil removes it).
    static func settingSourceConfig(_ payload: [String: Any], _ field: String, _ value: Any?) -> [String: Any] {
        var payload = payload
        var config = payload["source_config"] as? [String: Any] ?? [:]
        config[field] = value
        payload["source_config"] = config
        return payload
    }

    /// `payload` with `options[field]` set to `value`.
    static func settingOption(_ payload: [String: Any], _ field: String, _ value: Any) -> [String: Any] {
        var payload = payload
        var options = payload["options"] as? [String: Any] ?? [:]
        options[field] = value
        payload["options"] = options
        return payload
    }
}
