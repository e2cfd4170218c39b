extension Tensor: CustomStringConvertible, CustomDebugStringConvertible {
    /// Elements shown per side of an axis once a tensor has more than
    /// ``descriptionThreshold`` elements (NumPy's `edgeitems`).
    public static var descriptionEdgeItems: Int { 3 }

    /// Element count above which ``description`` abbreviates each axis to its first and
    /// last ``descriptionEdgeItems`` entries with `...` between (NumPy's `threshold`).
    public static var descriptionThreshold: Int { 1000 }

    /// The scalar type and shape, then the elements nested by axis, NumPy style, e.g.
    /// `Tensor<Float>[2, 3]` and `[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]` on the next line.
    /// Large tensors are abbreviated (see ``descriptionThreshold``).
    public var description: String {
        let header = "Tensor<\(Scalar.self)>\(shape)"
        guard rank > 0 else { return header + " " + "\(storage.base[offset])" }
        let abbreviate = count > Self.descriptionThreshold
        var text = ""
        formatAxis(0, position: offset, indent: 1, abbreviate: abbreviate, into: &text)
        return header + "\n" + text
    }

    /// Same as ``description``.
    public var debugDescription: String { description }

    private func formatAxis(_ axis: Int, position: Int, indent: Int, abbreviate: Bool, into text: inout String) {
        let extent = shape[axis]
        let edge = Self.descriptionEdgeItems
        let indices: [Int?] = abbreviate && extent > 2 * edge
            ? Array(0..<edge) + [nil] + Array((extent - edge)..<extent)
            : Array(0..<extent)
        text += "["
        let last = axis == rank - 1
        for (n, index) in indices.enumerated() {
            if n > 0 {
                text += last ? ", " : "," + String(repeating: "\n", count: rank - 1 - axis)
                    + String(repeating: " ", count: indent)
            }
            guard let index else { text += "..."; continue }
            let p = position + index * strides[axis]
            if last {
                text += "\(storage.base[p])"
            } else {
                formatAxis(axis + 1, position: p, indent: indent + 1, abbreviate: abbreviate, into: &text)
            }
        }
        text += "]"
    }
}
