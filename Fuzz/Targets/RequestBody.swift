// libFuzzer target "request-body": the bytes of an HTTP request body, as the service sees
// them for POST /api/imports and PATCH /api/imports/{id}, plus stored job documents.
//
// Compiled by Fuzz/build.sh in one module with Sources/ImportJobs/**/*.swift, but it only
// uses the public API of ImportJobs (it would compile unchanged behind `import ImportJobs`).
//
// Per input:
//  1. JSONParser.parse(bytes): must return a value or a JSONParseError with an offset inside
//     the input; never crash.
//  2. Serializer round trip: parse(serialize(v)) == v, serialize is idempotent, and
//     `serialized`, `serializedBytes`, `description` and JSONString.escaped agree.
//  3. JSONObject look-ups agree with the member list (linear and hashed paths).
//  4. CreateJobValidation.validate with three header combinations: on success the request is
//     within the documented rules, holds no credential, and the job built from it survives
//     jsonDocument -> parse -> ImportJob(parsing:); error messages do not depend on secrets.
//  5. JobPatchValidation.validate: on success the patch is within the rules, and applying it
//     to a pending, a processing and a completed job behaves as documented and round-trips.
//  6. ImportJob(parsing:): a document that parses survives jsonDocument -> parse -> parse.
//  7. Timestamp(iso8601:) on the raw input and on every string in the document, and
//     Timestamp.iso8601 for an arbitrary Int64 taken from the input.
//  8. JobID.generate(using:) with a generator seeded from the input formats its two words
//     exactly like a reference formatter, as a valid lowercase UUID.

@_cdecl("LLVMFuzzerTestOneInput")
public func requestBodyFuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    RequestBodyFuzzer.run(fuzzInputBytes(data, size))
    return 0
}

enum RequestBodyFuzzer {
    static let fixedJobID = "1b4e28ba-2fa1-41d2-883f-0016d3cca427"
    static let createdAt = Timestamp(millisecondsSince1970: 1_704_277_800_123) // 2024-01-03T10:30:00.123Z

    static func run(_ bytes: [UInt8]) {
        checkTimestamp(String(decoding: bytes, as: UTF8.self))
        checkMillisecondTimestamp(bytes)
        checkJobIDGeneration(bytes)

        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            invariant(error.offset >= 0 && error.offset <= bytes.count,
                      "parse error offset \(error.offset) outside 0...\(bytes.count): \(error.message)")
            invariant(!error.message.isEmpty, "empty parse error message")
            return
        }

        checkSerializerRoundTrip(value)
        var strings: [String] = []
        walk(value, depth: 0, strings: &strings)
        for string in strings {
            checkTimestamp(string)
            checkStringHelpers(string)
        }

        checkCreateValidation(value)
        checkPatchValidation(value)
        checkDocumentParsing(value)
    }

    // MARK: JSON

    static func checkSerializerRoundTrip(_ value: JSONValue) {
        let text = value.serialized
        let bytes = value.serializedBytes
        invariant(Array(text.utf8) == bytes, "serialized and serializedBytes differ")
        invariant(value.description == text, "description differs from serialized")
        let reparsed: JSONValue
        do {
            reparsed = try JSONParser.parse(bytes)
        } catch {
            invariant(false, "serializer output does not parse: \(error) in \(escapedForLog(bytes))")
            return
        }
        invariant(reparsed == value, "round trip changed the value: \(escapedForLog(bytes)) -> \(escapedForLog(reparsed.serializedBytes))")
        invariant(reparsed.serializedBytes == bytes, "serialization is not idempotent: \(escapedForLog(bytes))")
        if case .object(let object) = value {
            invariant(Array(object.serialized.utf8) == bytes, "JSONObject.serialized differs from JSONValue.serialized")
        }
    }

    /// Checks object look-ups and collects up to 32 strings (keys and values).
    static func walk(_ value: JSONValue, depth: Int, strings: inout [String]) {
        invariant(depth <= JSONParser.maximumDepth, "parsed nesting \(depth) exceeds maximumDepth")
        switch value {
        case .string(let text):
            if strings.count < 32 { strings.append(text) }
        case .array(let elements):
            for element in elements { walk(element, depth: depth + 1, strings: &strings) }
        case .object(let object):
            invariant(object.count == object.members.count && object.keys.count == object.count,
                      "object counts disagree")
            invariant(object.isEmpty == (object.count == 0), "isEmpty disagrees with count")
            for (key, member) in object.members {
                invariant(object[key] == member, "object[\"\(key)\"] does not return its member")
                invariant(object.contains(key: key), "contains(key:) misses \"\(key)\"")
                if strings.count < 32 { strings.append(key) }
                walk(member, depth: depth + 1, strings: &strings)
            }
            // Rebuilding through the public initializer must give an equal object.
            invariant(JSONObject(object.members) == object, "JSONObject(members) differs from the parsed object")
        default:
            break
        }
    }

    static func checkStringHelpers(_ text: String) {
        invariant(Array(JSONString.escaped(text).utf8) == JSONValue.string(text).serializedBytes,
                  "JSONString.escaped (String path) differs from the byte serializer for \(escapedForLog(text.utf8))")
        let valid = JobID.isValid(text)
        invariant(valid == JobID.isValid(Substring(text)), "JobID.isValid String and generic overloads disagree")
        if let normalized = JobID.normalized(text) {
            invariant(valid && JobID.isValid(normalized) && normalized == text.lowercased(), "JobID.normalized inconsistent")
        } else {
            invariant(!valid, "JobID.normalized nil for a valid id")
        }
    }

    // MARK: Timestamps

    static func checkTimestamp(_ text: String) {
        guard let time = Timestamp(iso8601: text) else { return }
        let input = Array(text.utf8)
        let output = Array(time.iso8601.utf8)
        invariant(output.count == 24, "iso8601 of a parsed timestamp is not 24 bytes: \(escapedForLog(output))")
        invariant(input.prefix(19) == output.prefix(19),
                  "date/time changed: \(escapedForLog(input)) -> \(escapedForLog(output))")
        var fraction = Array("000".utf8)
        if input.count > 20, input[19] == UInt8(ascii: ".") {
            for (index, digit) in input[20...].prefix(while: { (0x30...0x39).contains($0) }).prefix(3).enumerated() {
                fraction[index] = digit
            }
        }
        invariant(Array(output[20..<23]) == fraction,
                  "milliseconds wrong: \(escapedForLog(input)) -> \(escapedForLog(output))")
        invariant(Timestamp(iso8601: time.iso8601) == time, "iso8601 does not parse back: \(escapedForLog(output))")
        var appended = ""
        time.writeISO8601(to: &appended)
        invariant(appended == time.iso8601, "writeISO8601(to:) differs from iso8601")
    }

    /// Any Int64 of milliseconds must format, and parse back when the year has four digits.
    static func checkMillisecondTimestamp(_ bytes: [UInt8]) {
        guard bytes.count >= 8 else { return }
        var raw: UInt64 = 0
        for byte in bytes.suffix(8) { raw = raw << 8 | UInt64(byte) }
        let time = Timestamp(millisecondsSince1970: Int64(bitPattern: raw))
        let text = time.iso8601
        let utf8 = Array(text.utf8)
        invariant(utf8.count >= 24 && utf8.count <= 32 && utf8.last == UInt8(ascii: "Z"),
                  "bad iso8601 for \(time.millisecondsSince1970): \(text)")
        if utf8.first != UInt8(ascii: "+") && utf8.first != UInt8(ascii: "-") {
            invariant(Timestamp(iso8601: text) == time, "\(time.millisecondsSince1970) -> \(text) does not parse back")
        }
    }

    // MARK: Job ids

    /// SplitMix64 seeded from the input, so JobID.generate(using:) sees input-driven words.
    struct InputGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// JobID.generate(using:) must format exactly the reference text of its two words.
    static func checkJobIDGeneration(_ bytes: [UInt8]) {
        var seed: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes.prefix(64) { seed = (seed ^ UInt64(byte)) &* 0x100_0000_01B3 }
        var generator = InputGenerator(state: seed)
        var reference = generator
        let id = JobID.generate(using: &generator)
        let high = reference.next() & ~0xF000 | 0x4000
        let low = reference.next() & ~(0xC0 << 56) | (0x80 << 56)
        let hex = Array((hex16(high) + hex16(low)).utf8)
        var text: [UInt8] = []
        for (index, digit) in hex.enumerated() {
            if index == 8 || index == 12 || index == 16 || index == 20 { text.append(UInt8(ascii: "-")) }
            text.append(digit)
        }
        let expected = String(decoding: text, as: UTF8.self)
        invariant(id == expected, "JobID.generate wrote \(id), expected \(expected)")
        invariant(JobID.isValid(id) && JobID.normalized(id) == id, "generated id \(id) is not a valid lowercase id")
    }

    static func hex16(_ word: UInt64) -> String {
        let text = String(word, radix: 16)
        return String(repeating: "0", count: 16 - text.utf8.count) + text
    }

    // MARK: POST /api/imports

    static let keptFields: [SourceType: [String]] = [
        .jira: ["base_url", "email", "project_key"],
        .servicenow: ["instance_url", "username"],
        .github: ["owner", "repo"],
        .gitlab: ["project_id", "base_url"],
    ]
    static let secretFields = ["api_token", "password", "token"]

    static func checkCreateValidation(_ value: JSONValue) {
        let headerSets: [(tenant: String?, correlation: String?)] = [
            (nil, nil), ("tenant-a", " corr-1\t"), ("", "not valid!"),
        ]
        for headers in headerSets {
            let result = CreateJobValidation.validate(
                value, tenantHeader: headers.tenant, correlationHeader: headers.correlation)
            switch result {
            case .failure(let errors):
                invariant(!errors.isEmpty, "validation failed without errors")
                invariant(errors.fields.count <= errors.count, "ValidationErrors.fields has repeats")
                checkSecretsDoNotChangeErrors(value, headers: headers, errors: errors)
            case .success(let request):
                checkValidRequest(request, body: value, headers: headers)
            }
        }
    }

    static func checkValidRequest(_ request: CreateJobRequest, body: JSONValue,
                                  headers: (tenant: String?, correlation: String?)) {
        let allowed = keptFields[request.sourceType]!
        invariant(request.source.keys.allSatisfy(allowed.contains), "source keeps an unexpected key: \(request.source.keys)")
        invariant(request.source.keys == allowed.filter(request.source.keys.contains),
                  "source keys not in rule order: \(request.source.keys)")
        for (key, kept) in request.source.members {
            switch kept {
            case .string(let text):
                invariant(!text.isEmpty && !text.unicodeScalars.dropFirst(2048).contains { _ in true },
                          "kept \(key) is empty or longer than 2048")
                invariant(text.unicodeScalars.first.map { !$0.properties.isWhitespace } ?? false
                          && text.unicodeScalars.last.map { !$0.properties.isWhitespace } ?? false,
                          "kept \(key) is not trimmed")
            case .integer(let number):
                invariant(key == "project_id" && number > 0, "kept integer \(key)=\(number)")
            default:
                invariant(false, "kept \(key) is \(kept.kindDescription)")
            }
        }
        invariant(ImportOptions.batchSizeRange.contains(request.options.batchSize), "batch_size out of range")
        invariant(ImportOptions.previewLimitRange.contains(request.options.previewLimit), "preview_limit out of range")
        if let tenant = request.tenantID { invariant(TenantID.isValid(tenant), "invalid tenant id accepted") }
        if let correlation = request.correlationID {
            invariant(TenantID.isValid(correlation), "invalid correlation id accepted")
        }
        if headers.tenant == "tenant-a" { invariant(request.tenantID == "tenant-a", "X-Tenant-ID header ignored") }
        if headers.correlation == " corr-1\t" {
            invariant(request.correlationID == "corr-1", "X-Correlation-ID header not trimmed/used")
        }
        // No credential may survive validation, under any key or value.
        for secret in secretFields {
            invariant(!request.source.contains(key: secret), "credential \(secret) kept in source")
            // A credential's text must not reach `source`, unless a kept field holds it too.
            if case .object(let config)? = body.objectValue?["source_config"],
               case .string(let text)? = config[secret], text.utf8.count >= 8,
               !config.members.contains(where: { !secretFields.contains($0.key) && containsBytes($0.value.serializedBytes, text) }) {
                invariant(!containsBytes(JSONValue.object(request.source).serializedBytes, text), "credential value copied into source")
            }
        }

        let job = ImportJob(creating: request, jobID: fixedJobID, requestID: "req-fuzz", at: createdAt)
        invariant(job.status == .pending && job.createdAt == createdAt && job.updatedAt == createdAt,
                  "new job is not pending at its creation time")
        checkDocumentRoundTrip(job, context: "created job")
    }

    /// Error lists must not depend on the content of credentials (only on empty/too long).
    static func checkSecretsDoNotChangeErrors(_ value: JSONValue, headers: (tenant: String?, correlation: String?),
                                              errors: ValidationErrors) {
        guard case .object(var body) = value, case .object(var config)? = body["source_config"] else { return }
        var changed = false
        for secret in secretFields {
            guard case .string(let text)? = config[secret] else { continue }
            let trimmed = text.unicodeScalars.drop { $0.properties.isWhitespace }
            if trimmed.isEmpty || text.unicodeScalars.count > 2048 { continue }
            if text == "placeholder-secret" { continue }
            config[secret] = .string("placeholder-secret")
            changed = true
        }
        guard changed else { return }
        body["source_config"] = .object(config)
        let redacted = CreateJobValidation.validate(
            .object(body), tenantHeader: headers.tenant, correlationHeader: headers.correlation)
        guard case .failure(let other) = redacted else {
            invariant(false, "replacing a credential's text made an invalid body valid")
            return
        }
        invariant(other == errors, "error messages depend on a credential's text: \(errors.fieldErrors) vs \(other.fieldErrors)")
    }

    /// Whether the serialized JSON `haystack` contains the JSON-escaped contents of `text`.
    static func containsBytes(_ haystack: [UInt8], _ text: String) -> Bool {
        let needle = Array(JSONValue.string(text).serializedBytes.dropFirst().dropLast())
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return true
        }
        return false
    }

    // MARK: PATCH /api/imports/{id}

    static func checkPatchValidation(_ value: JSONValue) {
        switch JobPatchValidation.validate(value) {
        case .failure(let errors):
            invariant(!errors.isEmpty, "patch validation failed without errors")
        case .success(let patch):
            invariant(patch.status != nil || patch.progress != nil || patch.error != .unchanged,
                      "empty patch accepted")
            if let progress = patch.progress {
                invariant(progress.totalItems >= 0 && progress.processedItems >= 0 && progress.failedItems >= 0,
                          "negative count accepted")
                invariant(progress.processedItems + progress.failedItems <= progress.totalItems,
                          "processed + failed > total accepted")
                invariant(progress.totalItems <= JobPatchValidation.maximumCount, "count above maximumCount accepted")
                invariant(progress.percentage.isFinite && (0...100).contains(progress.percentage),
                          "percentage \(progress.percentage) out of 0...100")
            }
            if case .set(let message) = patch.error {
                invariant(message.unicodeScalars.count <= JobPatchValidation.maximumErrorLength, "error too long accepted")
            }
            for status in [JobStatus.pending, .processing, .completed] {
                checkApply(patch, toJobIn: status)
            }
        }
    }

    static func checkApply(_ patch: JobPatch, toJobIn status: JobStatus) {
        var job = ImportJob(jobID: fixedJobID, requestID: "req-fuzz", status: status, sourceType: .github,
                            createdAt: createdAt, updatedAt: createdAt, tenantID: "tenant-a",
                            source: ["owner": "o", "repo": "r"])
        let before = job
        let now = createdAt.adding(milliseconds: 1500)
        do {
            try job.apply(patch, at: now)
        } catch {
            invariant(job == before, "failed apply changed the job")
            invariant(status.isFinal || (patch.status.map { $0 != status && !status.canTransition(to: $0) } ?? false),
                      "apply refused an allowed update from \(status): \(error)")
            return
        }
        invariant(!status.isFinal, "update of a final job accepted")
        invariant(job.updatedAt == now, "updatedAt not set")
        if let next = patch.status { invariant(job.status == next, "status not applied") }
        if job.status != status {
            invariant(status.canTransition(to: job.status), "forbidden transition \(status) -> \(job.status)")
            if job.status == .processing { invariant(job.startedAt == now, "startedAt not set") }
            if job.status.isFinal { invariant(job.completedAt == now, "completedAt not set") }
        }
        checkDocumentRoundTrip(job, context: "patched job")
    }

    // MARK: Stored documents

    static func checkDocumentParsing(_ value: JSONValue) {
        let job: ImportJob
        do {
            job = try ImportJob(parsing: value)
        } catch {
            invariant(!error.message.isEmpty, "document error without message")
            return
        }
        invariant(JobID.isValid(job.jobID) && job.jobID == job.jobID.lowercased(), "bad job_id accepted")
        checkDocumentRoundTrip(job, context: "parsed document")
    }

    static func checkDocumentRoundTrip(_ job: ImportJob, context: String) {
        let bytes = job.jsonDocumentBytes
        invariant(Array(job.jsonDocument.utf8) == bytes, "\(context): jsonDocument and jsonDocumentBytes differ")
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            invariant(false, "\(context): jsonDocument does not parse: \(error) in \(escapedForLog(bytes))")
            return
        }
        invariant(value.serializedBytes == bytes, "\(context): jsonDocument is not compact canonical JSON: \(escapedForLog(bytes))")
        do {
            let back = try ImportJob(parsing: value)
            invariant(back == job, "\(context): document round trip changed the job: \(escapedForLog(bytes))")
        } catch {
            invariant(false, "\(context): jsonDocument is refused by ImportJob(parsing:): \(error)")
        }
    }
}
