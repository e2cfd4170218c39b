// TEMPORARY stub until issue-a158 merges (deleted at merge).
extension FactorRegistry {
    public static let alpha158: FactorRegistry = try! FactorRegistry(definitions: [])
    public static let alpha360: FactorRegistry = try! FactorRegistry(definitions: [])
}
