// ReplayMain.cpp - runs a fuzz target's corpus without libFuzzer
//
// Linked with any fuzz target source (which defines LLVMFuzzerTestOneInput)
// when the build is not a clang fuzzing build: every file given, or every
// regular file in every directory given, is passed once to the target, in
// name order. A crash or abort fails the test; so does finding no input at
// all, because a missing corpus would otherwise pass silently.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);

namespace {

bool runFile(const std::filesystem::path &path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        std::fprintf(stderr, "cannot read %s\n", path.c_str());
        return false;
    }
    const std::vector<char> bytes{std::istreambuf_iterator<char>(file),
                                  std::istreambuf_iterator<char>()};
    // Like libFuzzer, hand the target a buffer of exactly the input's size
    // (never a null pointer, even for an empty file).
    std::vector<std::uint8_t> input(bytes.begin(), bytes.end());
    input.reserve(1);
    LLVMFuzzerTestOneInput(input.data(), input.size());
    return true;
}

} // namespace

int main(int argc, char **argv) {
    std::vector<std::filesystem::path> files;
    for (int i = 1; i < argc; ++i) {
        const std::filesystem::path argument(argv[i]);
        std::error_code error;
        if (std::filesystem::is_directory(argument, error)) {
            for (const auto &entry : std::filesystem::directory_iterator(argument, error)) {
                if (entry.is_regular_file())
                    files.push_back(entry.path());
            }
        } else if (std::filesystem::is_regular_file(argument, error)) {
            files.push_back(argument);
        }
        if (error) {
            std::fprintf(stderr, "%s: %s\n", argv[i], error.message().c_str());
            return 1;
        }
    }
    if (files.empty()) {
        std::fprintf(stderr, "usage: %s CORPUS_DIR_OR_FILE...: no input files found\n", argv[0]);
        return 1;
    }
    std::sort(files.begin(), files.end());
    for (const auto &path : files) {
        if (!runFile(path))
            return 1;
    }
    std::printf("replayed %zu inputs\n", files.size());
    return 0;
}
