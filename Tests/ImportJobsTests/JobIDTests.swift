import Dispatch
import Synchronization
import ImportJobs
import Testing

@Suite("Job ids")
struct JobIDTests {
    @Test func generatedIdsAreLowercaseVersion4UUIDs() {
        for _ in 0..<1_000 {
            let id = JobID.generate()
            let characters = Array(id)
            #expect(characters.count == 36)
            #expect(JobID.isValid(id))
            #expect(id == id.lowercased())
            #expect(characters[14] == "4")
            #expect("89ab".contains(characters[19]))
            #expect([8, 13, 18, 23].allSatisfy { characters[$0] == "-" })
        }
    }

    @Test func generatedIdsAreUnique() {
        let ids = Set((0..<20_000).map { _ in JobID.generate() })
        #expect(ids.count == 20_000)
    }

    @Test func idsFromSeveralThreadsAtOnceAreUnique() {
        // The random pool is shared by the loop threads (WORKERS): no word may be handed out twice.
        let batches = Mutex<[[String]]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            let batch = (0..<5_000).map { _ in JobID.generate() }
            batches.withLock { $0.append(batch) }
        }
        let all = batches.withLock { $0.flatMap { $0 } }
        #expect(all.count == 20_000)
        #expect(Set(all).count == 20_000)
    }

    @Test func generationUsesTheGivenRandomBits() {
        struct Constant: RandomNumberGenerator {
            let value: UInt64
            mutating func next() -> UInt64 { value }
        }
        var ones = Constant(value: .max)
        #expect(JobID.generate(using: &ones) == "ffffffff-ffff-4fff-bfff-ffffffffffff")
        var zeros = Constant(value: 0)
        #expect(JobID.generate(using: &zeros) == "00000000-0000-4000-8000-000000000000")
    }

    @Test(arguments: [
        "12345678-1234-1234-1234-123456789abc",
        "12345678-1234-1234-1234-123456789ABC",
        "00000000-0000-0000-0000-000000000000",
        "FFFFFFFF-ffff-FFFF-ffff-FFFFFFFFFFFF",
    ])
    func acceptsUUIDsInEitherCase(text: String) {
        #expect(JobID.isValid(text))
        #expect(JobID.isValid(Substring(text)))
        #expect(JobID.normalized(text) == text.lowercased())
    }

    @Test(arguments: [
        "", "12345678-1234-1234-1234-123456789ab", "12345678-1234-1234-1234-123456789abcd",
        "123456781234123412341234567890ab", "12345678_1234-1234-1234-123456789abc",
        "12345678-1234-1234-1234-123456789abg", "{12345678-1234-1234-1234-123456789abc}",
        "1234567-81234-1234-1234-123456789abc", "12345678-1234-1234-1234-123456789ab ",
        "12345678-1234-1234-1234-123456789abc\n", "12345678-1234-1234-1234-12345678９abc",
        "../../etc/passwd", "*",
    ])
    func rejectsEverythingElse(text: String) {
        #expect(!JobID.isValid(text))
        #expect(JobID.normalized(text) == nil)
    }
}
