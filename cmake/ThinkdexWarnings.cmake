# thinkdex_warnings(target): our warnings, PRIVATE so that they never leak to users of a
# library. Alone, for programs that run at build time (generators), which need neither the
# sanitizers nor the fuzzers' coverage hooks (these would not even link without the shim).
function(thinkdex_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion)
    if(THINKDEX_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()

# thinkdex_target_defaults(target [NO_FUZZ_COVERAGE]): our warnings and the sanitizers chosen
# with THINKDEX_SANITIZE (and libFuzzer's coverage with THINKDEX_BUILD_FUZZ, unless
# NO_FUZZ_COVERAGE: for a program our code runs as a child, the PDF reader, which has no fuzzer
# to link the hooks to).
function(thinkdex_target_defaults target)
    cmake_parse_arguments(ARG "NO_FUZZ_COVERAGE" "" "" ${ARGN})
    thinkdex_warnings(${target})
    if(THINKDEX_SANITIZE)
        # -fno-sanitize-recover: a UBSan finding aborts the process like an ASan one does, so a
        # test fails on it even where a web server strips UBSAN_OPTIONS from the CGI's environment.
        target_compile_options(${target} PRIVATE -fsanitize=${THINKDEX_SANITIZE}
                                                 -fno-sanitize-recover=all
                                                 -fno-omit-frame-pointer)
        target_link_options(${target} PRIVATE -fsanitize=${THINKDEX_SANITIZE})
    endif()
    if(THINKDEX_BUILD_FUZZ AND NOT ARG_NO_FUZZ_COVERAGE)
        # Coverage for libFuzzer: every block and comparison of our code (fuzz/coverage_shim.cpp).
        target_compile_options(${target} PRIVATE -fsanitize-coverage=trace-pc,trace-cmp)
    endif()
endfunction()

# thinkdex_add_library(name SOURCES...): a module library `thinkdex_<name>` with the alias
# `thinkdex::<name>` and its public headers in <name>/include.
function(thinkdex_add_library name)
    add_library(thinkdex_${name} ${ARGN})
    add_library(thinkdex::${name} ALIAS thinkdex_${name})
    target_include_directories(thinkdex_${name} PUBLIC
        $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>)
    target_include_directories(thinkdex_${name} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
    thinkdex_target_defaults(thinkdex_${name})
endfunction()

# thinkdex_generated_table(LIBRARY GENERATOR FILE COMMENT): runs the build-time program
# GENERATOR (made from ICU's data, so that the programs need not load ICU) to write FILE in the
# current binary dir, and compiles it into LIBRARY, which includes it from there.
function(thinkdex_generated_table library generator file comment)
    add_custom_command(
        OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/${file}
        COMMAND ${generator} ${CMAKE_CURRENT_BINARY_DIR}/${file}
        DEPENDS ${generator}
        COMMENT "${comment}"
        VERBATIM)
    target_sources(${library} PRIVATE ${CMAKE_CURRENT_BINARY_DIR}/${file})
    target_include_directories(${library} PRIVATE ${CMAKE_CURRENT_BINARY_DIR})
endfunction()
