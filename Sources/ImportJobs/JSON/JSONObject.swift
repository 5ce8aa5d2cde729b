/// A JSON object that keeps its members in insertion order and never holds
/// two members with the same key.
///
/// Small objects are searched linearly; once an object grows past
/// ``linearSearchLimit`` members a key-to-position table is kept, so lookups
/// and inserts stay fast for large (possibly hostile) inputs.
///
/// Two objects are equal when they have the same members in the same order.
public struct JSONObject: Equatable, Sendable {
    /// The member count up to which keys are found by a linear scan.
    public static let linearSearchLimit = 12

    private var storage: [(key: String, value: JSONValue)]
    private var positions: [String: Int]?

    /// Creates an object from members in order. A key that repeats replaces
    /// the earlier member's value and keeps the earlier member's position.
    public init(_ members: [(key: String, value: JSONValue)] = []) {
        storage = []
        storage.reserveCapacity(members.count)
        for member in members {
            self[member.key] = member.value
        }
    }

    /// Creates an object from members already known to have distinct keys.
    /// `positions`, when given, must map every key to its index.
    init(distinctMembers members: [(key: String, value: JSONValue)], positions: [String: Int]?) {
        storage = members
        self.positions = positions
        if positions == nil && members.count > Self.linearSearchLimit {
            rebuildPositions()
        }
    }

    /// The members in insertion order.
    public var members: [(key: String, value: JSONValue)] {
        storage
    }

    /// The keys in insertion order.
    public var keys: [String] {
        storage.map(\.key)
    }

    /// The number of members.
    public var count: Int {
        storage.count
    }

    /// Whether the object has no members.
    public var isEmpty: Bool {
        storage.isEmpty
    }

    /// The value stored under `key`, or `nil` when there is none.
    ///
    /// Setting a value replaces an existing member in place or appends a new
    /// one at the end; setting `nil` removes the member.
    public subscript(key: String) -> JSONValue? {
        get {
            guard let index = position(of: key) else { return nil }
            return storage[index].value
        }
        set {
            if let index = position(of: key) {
                if let newValue {
                    storage[index].value = newValue
                } else {
                    storage.remove(at: index)
                    positions = nil
                    if storage.count > Self.linearSearchLimit { rebuildPositions() }
                }
            } else if let newValue {
                storage.append((key: key, value: newValue))
                if positions != nil {
                    positions![key] = storage.count - 1
                } else if storage.count > Self.linearSearchLimit {
                    rebuildPositions()
                }
            }
        }
    }

    /// Whether the object has a member named `key`.
    public func contains(key: String) -> Bool {
        position(of: key) != nil
    }

    /// Returns true when both objects have the same members in the same order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.storage.count == rhs.storage.count else { return false }
        for (left, right) in zip(lhs.storage, rhs.storage) {
            guard left.key == right.key, left.value == right.value else { return false }
        }
        return true
    }

    private func position(of key: String) -> Int? {
        if let positions { return positions[key] }
        return storage.firstIndex { $0.key == key }
    }

    private mutating func rebuildPositions() {
        var table: [String: Int] = [:]
        table.reserveCapacity(storage.count)
        for (index, member) in storage.enumerated() {
            table[member.key] = index
        }
        positions = table
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// Creates an object with the members in the order written.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements.map { (key: $0.0, value: $0.1) })
    }
}
