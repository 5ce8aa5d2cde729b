import ImportJobs
import Testing

@Suite("Create job validation: source_type and source_config")
struct CreateJobSourceConfigTests {
    static let jiraConfig: JSONValue = [
        "base_url": "https://test.atlassian.net", "email": "test@example.com",
        "api_token": "test-token", "project_key": "TEST",
    ]

    static func validate(_ body: JSONValue, tenant: String? = nil, correlation: String? = nil) -> Result<CreateJobRequest, ValidationErrors> {
        CreateJobValidation.validate(body, tenantHeader: tenant, correlationHeader: correlation)
    }

    static func errors(type: String, config: JSONValue) -> [FieldError] {
        failures(validate(["source_type": .string(type), "source_config": config])) ?? []
    }

    @Test func theDocumentedJiraRequestIsAccepted() throws {
        let body = try parse(#"""
            {"source_type": "jira",
             "source_config": {"base_url": "https://test.atlassian.net", "email": "test@example.com",
                               "api_token": "test-token", "project_key": "TEST"},
             "options": {"batch_size": 100, "preview_limit": 10}}
            """#)
        let request = try #require(success(Self.validate(body)))
        #expect(request.sourceType == .jira)
        #expect(request.source == ["base_url": "https://test.atlassian.net", "email": "test@example.com", "project_key": "TEST"])
        #expect(request.options == ImportOptions(batchSize: 100, previewLimit: 10))
        #expect(request.tenantID == nil && request.correlationID == nil)
    }

    @Test(arguments: [
        ("jira", JSONValue.object([
            "base_url": "https://x.atlassian.net", "email": "a@b.c", "api_token": "SECRET1", "project_key": "P",
            "client_secret": "SECRET2", "private_token": "SECRET3", "extra": "SECRET4",
        ]), (["base_url": "https://x.atlassian.net", "email": "a@b.c", "project_key": "P"] as JSONObject)),
        ("servicenow", .object([
            "password": "SECRET1", "instance_url": "https://dev1.service-now.com", "username": "admin",
            "client_secret": "SECRET2", "client_id": "SECRET3",
        ]), (["instance_url": "https://dev1.service-now.com", "username": "admin"] as JSONObject)),
        ("github", .object(["token": "SECRET1", "owner": "apple", "repo": "swift", "password": "SECRET2"]),
         (["owner": "apple", "repo": "swift"] as JSONObject)),
        ("gitlab", .object(["token": "SECRET1", "project_id": 42, "private_token": "SECRET2"]),
         (["project_id": 42] as JSONObject)),
        ("gitlab", .object(["token": "SECRET1", "base_url": "https://gitlab.example.com", "project_id": "group/proj"]),
         (["project_id": "group/proj", "base_url": "https://gitlab.example.com"] as JSONObject)),
        ("gitlab", .object(["token": "SECRET1", "project_id": "7", "base_url": .null]), (["project_id": "7"] as JSONObject)),
    ])
    func onlyNonSecretFieldsAreKept(type: String, config: JSONValue, expected: JSONObject) throws {
        let request = try #require(success(Self.validate(["source_type": .string(type), "source_config": config])))
        #expect(request.sourceType.rawValue == type)
        #expect(request.source == expected)
        #expect(!request.source.serialized.contains("SECRET"))
    }

    @Test func bodyMustBeAnObject() {
        for body: JSONValue in [[], "text", 1, .null, true] {
            #expect(failures(Self.validate(body)) == [FieldError(field: "", message: "the request body must be a JSON object")])
        }
    }

    @Test func sourceTypeIsRequiredAndMustBeKnown() throws {
        for value: JSONValue? in [nil, .null, "bitbucket", "JIRA", "", 1, ["jira"]] {
            var body: JSONObject = ["source_config": Self.jiraConfig]
            body["source_type"] = value
            let errors = try #require(failures(Self.validate(.object(body))))
            #expect(errors.count == 1)
            #expect(errors.first?.field == "source_type")
            #expect(errors.first?.message.contains("jira, servicenow, github, gitlab") == true)
        }
    }

    @Test func sourceConfigIsRequiredAndMustBeAnObject() {
        #expect(failures(Self.validate(["source_type": "jira"])) == [FieldError(field: "source_config", message: "is required")])
        #expect(failures(Self.validate(["source_type": "jira", "source_config": .null]))?.first?.field == "source_config")
        #expect(failures(Self.validate(["source_type": "jira", "source_config": "x"]))
            == [FieldError(field: "source_config", message: "must be an object")])
    }

    @Test(arguments: [
        ("jira", ["base_url", "email", "api_token", "project_key"]),
        ("servicenow", ["instance_url", "username", "password"]),
        ("github", ["token", "owner", "repo"]),
        ("gitlab", ["token", "project_id"]),
    ])
    func everyMissingRequiredFieldIsReportedAtOnce(type: String, required: [String]) {
        let errors = Self.errors(type: type, config: .object(JSONObject()))
        #expect(errors == required.map { FieldError(field: "source_config.\($0)", message: "is required") })
    }

    @Test func allProblemsInOneBodyAreReportedTogether() throws {
        let errors = try #require(failures(Self.validate([
            "source_type": "jira",
            "source_config": ["base_url": "ftp://x", "email": "nope", "api_token": " ", "project_key": 5],
            "options": ["batch_size": 0, "preview_limit": "ten"],
            "tenant_id": "bad tenant",
            "correlation_id": 9,
        ])))
        #expect(errors.map(\.field) == [
            "source_config.base_url", "source_config.email", "source_config.api_token", "source_config.project_key",
            "options.batch_size", "options.preview_limit", "tenant_id", "correlation_id",
        ])
    }

    @Test func requiredStringsMustBeNonEmptyStringsOfLimitedLength() {
        let cases: [(JSONValue, String?)] = [
            ("", "must not be empty"), ("   \t\n", "must not be empty"), (.string(String(repeating: "k", count: 2049)), "must be at most 2048 characters"),
            (.string(String(repeating: "é", count: 2049)), "must be at most 2048 characters"),
            (.string(String(repeating: "k", count: 2048)), nil), (.string(" " + String(repeating: "k", count: 2048) + " "), nil),
            (1, "must be a string"), (true, "must be a string"), (["a"], "must be a string"), (["k": "v"], "must be a string"),
            (.null, "is required"),
        ]
        for (value, expected) in cases {
            let errors = Self.errors(type: "github", config: ["token": "t", "owner": value, "repo": "r"])
            #expect(errors == (expected.map { [FieldError(field: "source_config.owner", message: $0)] } ?? []),
                    "owner = \(value.serialized.prefix(40))")
        }
    }

    @Test func keptValuesAreTrimmed() throws {
        let request = try #require(success(Self.validate([
            "source_type": "github", "source_config": ["token": " t ", "owner": "  apple\t", "repo": "\nswift "],
        ])))
        #expect(request.source == ["owner": "apple", "repo": "swift"])
    }

    @Test(arguments: [
        "https://test.atlassian.net", "http://localhost:8080", "HTTPS://Example.COM/path?q=1#f",
        "https://host.example.com:443/jira", "http://[::1]:8080/x", "http://10.0.0.1", " https://padded.example.com ",
    ])
    func acceptsAbsoluteHTTPURLs(url: String) {
        var config = Self.jiraConfig.objectValue!
        config["base_url"] = .string(url)
        #expect(Self.errors(type: "jira", config: .object(config)).isEmpty)
    }

    @Test(arguments: [
        ("ftp://example.com", "must be an absolute http:// or https:// URL"),
        ("test.atlassian.net", "must be an absolute http:// or https:// URL"),
        ("/relative/path", "must be an absolute http:// or https:// URL"),
        ("javascript:alert(1)", "must be an absolute http:// or https:// URL"),
        ("https:/example.com", "must be an absolute http:// or https:// URL"),
        ("https://", "must have a host"),
        ("https:///path", "must have a host"),
        ("https://:8080", "must have a host"),
        ("https://exa mple.com", "must not contain whitespace"),
        ("https://example.com/a\tb", "must not contain whitespace"),
        ("https://user:secret@example.com", "must not contain a user name or password"),
        ("https://example.com:99999", "has an invalid port"),
        ("https://example.com:0", "has an invalid port"),
        ("https://example.com:", "has an invalid port"),
        ("https://example.com:80a", "has an invalid port"),
        ("http://[::1", "has an invalid IPv6 host"),
    ])
    func rejectsOtherURLs(url: String, message: String) {
        var config = Self.jiraConfig.objectValue!
        config["base_url"] = .string(url)
        #expect(Self.errors(type: "jira", config: .object(config)) == [FieldError(field: "source_config.base_url", message: message)])
        let serviceNow: JSONValue = ["instance_url": .string(url), "username": "u", "password": "p"]
        #expect(Self.errors(type: "servicenow", config: serviceNow) == [FieldError(field: "source_config.instance_url", message: message)])
        let gitlab: JSONValue = ["token": "t", "project_id": 1, "base_url": .string(url)]
        #expect(Self.errors(type: "gitlab", config: gitlab) == [FieldError(field: "source_config.base_url", message: message)])
    }

    @Test(arguments: ["user@example.com", "a@b", "first.last+tag@sub.example.org", " padded@example.com "])
    func acceptsEmailAddresses(email: String) {
        var config = Self.jiraConfig.objectValue!
        config["email"] = .string(email)
        #expect(Self.errors(type: "jira", config: .object(config)).isEmpty)
    }

    @Test(arguments: ["userexample.com", "@example.com", "user@", "a@b@c", "us er@example.com", "user@exa\u{0}mple.com"])
    func rejectsNonEmailAddresses(email: String) {
        var config = Self.jiraConfig.objectValue!
        config["email"] = .string(email)
        #expect(Self.errors(type: "jira", config: .object(config))
            == [FieldError(field: "source_config.email", message: "must be an email address such as name@example.com")])
    }

    @Test(arguments: [JSONValue.integer(0), -1, 1.5, 10.0, true, [], "", "  "])
    func gitlabProjectIDMustBeAPositiveIntegerOrAString(projectID: JSONValue) {
        let errors = Self.errors(type: "gitlab", config: ["token": "t", "project_id": projectID])
        #expect(errors.count == 1)
        #expect(errors.first?.field == "source_config.project_id")
    }

    @Test func errorMessagesNeverEchoSubmittedValues() throws {
        let secret = "SUPER-SECRET-VALUE"
        let errors = try #require(failures(Self.validate([
            "source_type": "jira",
            "source_config": ["base_url": .string("https://\(secret)@x"), "email": .string(secret), "api_token": 7],
            "tenant_id": .string(secret + " "),
        ])))
        #expect(errors.count == 5)
        #expect(errors.allSatisfy { !$0.message.contains(secret) && !$0.field.contains(secret) })
        let typeErrors = try #require(failures(Self.validate(["source_type": .string(secret), "source_config": [:]])))
        #expect(typeErrors.count == 1)
        #expect(typeErrors.allSatisfy { !$0.message.contains(secret) })
        #expect(errors.allSatisfy { !$0.message.contains(secret) && !$0.field.contains(secret) })
    }

    @Test func unknownTopLevelKeysAreIgnored() {
        let body: JSONValue = ["source_type": "jira", "source_config": Self.jiraConfig, "priority": "high", "x": [1]]
        #expect(success(Self.validate(body)) != nil)
    }
}
