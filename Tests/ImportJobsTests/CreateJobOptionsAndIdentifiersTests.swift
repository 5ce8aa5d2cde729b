import ImportJobs
import Testing

@Suite("Create job validation: options, tenant_id and correlation_id")
struct CreateJobOptionsAndIdentifiersTests {
    static func body(_ extra: [(key: String, value: JSONValue)]) -> JSONValue {
        var object: JSONObject = ["source_type": "github", "source_config": ["token": "t", "owner": "o", "repo": "r"]]
        for member in extra { object[member.key] = member.value }
        return .object(object)
    }

    static func validate(_ extra: [(key: String, value: JSONValue)], tenant: String? = nil, correlation: String? = nil)
        -> Result<CreateJobRequest, ValidationErrors>
    {
        CreateJobValidation.validate(body(extra), tenantHeader: tenant, correlationHeader: correlation)
    }

    @Test func optionsDefaultWhenAbsentOrNull() throws {
        for extra: [(key: String, value: JSONValue)] in [[], [("options", .null)], [("options", .object(JSONObject()))],
                                                         [("options", ["batch_size": .null, "preview_limit": .null])]] {
            let request = try #require(success(Self.validate(extra)))
            #expect(request.options == ImportOptions(batchSize: 100, previewLimit: 10))
        }
    }

    @Test func optionsMustBeAnObject() {
        for value: JSONValue in [[], "fast", 5, true] {
            #expect(failures(Self.validate([("options", value)])) == [FieldError(field: "options", message: "must be an object")])
        }
    }

    @Test(arguments: [
        (JSONValue.integer(1), 1, nil), (1000, 1000, nil), (250, 250, nil), (100.0, 100, nil), (1e2, 100, nil),
        (0, nil, "must be between 1 and 1000"), (1001, nil, "must be between 1 and 1000"),
        (-5, nil, "must be between 1 and 1000"), (.integer(.max), nil, "must be between 1 and 1000"),
        (1e300, nil, "must be between 1 and 1000"),
        (10.5, nil, "must be an integer"), ("10", nil, "must be an integer"), (true, nil, "must be an integer"),
        ([10], nil, "must be an integer"), (["n": 1], nil, "must be an integer"),
    ] as [(JSONValue, Int?, String?)])
    func batchSize(value: JSONValue, expected: Int?, message: String?) {
        let result = Self.validate([("options", ["batch_size": value])])
        if let expected {
            #expect(success(result)?.options.batchSize == expected)
        }
        if let message {
            #expect(failures(result) == [FieldError(field: "options.batch_size", message: message)])
        }
    }

    @Test(arguments: [
        (JSONValue.integer(0), 0, nil), (1000, 1000, nil), (10, 10, nil),
        (-1, nil, "must be between 0 and 1000"), (1001, nil, "must be between 0 and 1000"),
        (0.5, nil, "must be an integer"), ("0", nil, "must be an integer"), (false, nil, "must be an integer"),
    ] as [(JSONValue, Int?, String?)])
    func previewLimit(value: JSONValue, expected: Int?, message: String?) {
        let result = Self.validate([("options", ["preview_limit": value])])
        if let expected {
            #expect(success(result)?.options.previewLimit == expected)
            #expect(success(result)?.options.batchSize == 100)
        }
        if let message {
            #expect(failures(result) == [FieldError(field: "options.preview_limit", message: message)])
        }
    }

    @Test func unknownOptionKeysAreIgnored() throws {
        let request = try #require(success(Self.validate([("options", ["batch_size": 7, "dry_run": true])])))
        #expect(request.options == ImportOptions(batchSize: 7, previewLimit: 10))
    }

    @Test(arguments: ["tenant_id", "correlation_id"])
    func identifiersFromTheBody(field: String) throws {
        for valid in ["acme", "a", "org:team/unit@eu-1.prod_x", String(repeating: "z", count: 256)] {
            let request = try #require(success(Self.validate([(field, .string(valid))])), "rejected \(valid)")
            #expect((field == "tenant_id" ? request.tenantID : request.correlationID) == valid)
        }
        let absent = try #require(success(Self.validate([(field, .null)])))
        #expect(absent.tenantID == nil && absent.correlationID == nil)

        for invalid in ["", "has space", "tab\t", "semi;colon", "é", "a\"b", String(repeating: "z", count: 257)] {
            let errors = failures(Self.validate([(field, .string(invalid))]))
            #expect(errors?.map(\.field) == [field], "accepted \(invalid.debugDescription)")
        }
        for wrongType: JSONValue in [1, true, ["x"], ["k": "v"]] {
            #expect(failures(Self.validate([(field, wrongType)])) == [FieldError(field: field, message: "must be a string or null")])
        }
    }

    @Test func headersFillMissingValues() throws {
        let request = try #require(success(Self.validate([], tenant: "acme", correlation: "c-1")))
        #expect(request.tenantID == "acme")
        #expect(request.correlationID == "c-1")
    }

    @Test func headersThatAgreeWithTheBodyAreFine() throws {
        let request = try #require(success(Self.validate(
            [("tenant_id", "acme"), ("correlation_id", "c-1")], tenant: " acme ", correlation: "c-1")))
        #expect(request.tenantID == "acme" && request.correlationID == "c-1")
    }

    @Test func headersThatDisagreeWithTheBodyAreErrors() {
        let errors = failures(Self.validate([("tenant_id", "acme"), ("correlation_id", "c-1")], tenant: "other", correlation: "c-2"))
        #expect(errors == [
            FieldError(field: "tenant_id", message: "does not match the X-Tenant-ID header"),
            FieldError(field: "correlation_id", message: "does not match the X-Correlation-ID header"),
        ])
    }

    @Test func invalidHeadersAreErrors() {
        let errors = failures(Self.validate([], tenant: "bad tenant", correlation: String(repeating: "c", count: 300)))
        #expect(errors?.map(\.field) == ["tenant_id", "correlation_id"])
        #expect(errors?.first?.message.contains("X-Tenant-ID") == true)
    }

    @Test func emptyHeadersCountAsAbsent() throws {
        let request = try #require(success(Self.validate([("tenant_id", "acme")], tenant: "", correlation: "  ")))
        #expect(request.tenantID == "acme" && request.correlationID == nil)
    }
}
