import ImportJobs
import Testing

@Suite("JSON objects")
struct JSONObjectTests {
    @Test func keepsInsertionOrder() {
        let object = JSONObject([(key: "b", value: 1), (key: "a", value: 2), (key: "c", value: 3)])
        #expect(object.keys == ["b", "a", "c"])
        #expect(object.members.map(\.value) == [1, 2, 3])
    }

    @Test func settingAppendsOrReplacesInPlace() {
        var object = JSONObject()
        object["x"] = 1
        object["y"] = 2
        object["x"] = "replaced"
        #expect(object.keys == ["x", "y"])
        #expect(object["x"] == "replaced")
        #expect(object.count == 2)
    }

    @Test func settingNilRemoves() {
        var object: JSONObject = ["a": 1, "b": 2, "c": 3]
        object["b"] = nil
        #expect(object.keys == ["a", "c"])
        #expect(object["b"] == nil)
        #expect(!object.contains(key: "b"))
        object["zzz"] = nil
        #expect(object.count == 2)
    }

    @Test func repeatedKeysInTheInitializerKeepTheFirstPositionAndLastValue() {
        let object = JSONObject([(key: "a", value: 1), (key: "b", value: 2), (key: "a", value: 3)])
        #expect(object.keys == ["a", "b"])
        #expect(object["a"] == 3)
    }

    @Test func equalityDependsOnOrder() {
        let first: JSONObject = ["a": 1, "b": 2]
        let second: JSONObject = ["b": 2, "a": 1]
        #expect(first != second)
        #expect(first == ["a": 1, "b": 2])
        #expect(first != ["a": 1, "b": 3])
        #expect(first != ["a": 1])
    }

    @Test func largeObjectsStayConsistentThroughEdits() {
        var object = JSONObject()
        for index in 0..<100 {
            object["k\(index)"] = .integer(Int64(index))
        }
        object["k10"] = nil
        object["k50"] = "changed"
        object["new"] = true
        #expect(object.count == 100)
        #expect(object["k10"] == nil)
        #expect(object["k11"] == 11)
        #expect(object["k99"] == 99)
        #expect(object["k50"] == "changed")
        #expect(object.keys.last == "new")
        #expect(object.keys[10] == "k11")
        // A large object compares equal to one built the same way.
        var copy = JSONObject(object.members)
        #expect(copy == object)
        copy["k0"] = 1
        #expect(copy != object)
    }

    @Test func accessorsOnValues() {
        let value: JSONValue = ["s": "text", "i": 3, "d": 2.5, "b": true, "a": [1], "n": .null]
        let object = value.objectValue
        #expect(object?["s"]?.stringValue == "text")
        #expect(object?["i"]?.integerValue == 3)
        #expect(object?["d"]?.numberValue == 2.5)
        #expect(object?["i"]?.numberValue == 3)
        #expect(object?["b"]?.boolValue == true)
        #expect(object?["a"]?.arrayValue == [1])
        #expect(object?["n"]?.isNull == true)
        #expect(object?["s"]?.integerValue == nil)
        #expect(JSONValue.double(100).exactIntegerValue == 100)
        #expect(JSONValue.double(1.5).exactIntegerValue == nil)
        #expect(JSONValue.double(1e300).exactIntegerValue == nil)
        #expect(JSONValue.string("1").exactIntegerValue == nil)
    }
}
