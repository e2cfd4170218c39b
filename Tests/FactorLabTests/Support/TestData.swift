import Foundation

/// Locates the test resources.
enum TestData {
    static func path(_ name: String) -> String {
        let base = (name as NSString).deletingPathExtension, ext = (name as NSString).pathExtension
        return Bundle.module.url(forResource: base, withExtension: ext, subdirectory: "Resources/pipeline")!.path
    }
}
