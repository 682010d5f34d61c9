// A frontend action that computes a TU's facts and hands them to a callback;
// used by the driver, the clang-tidy module and the compiler plugin alike.
#ifndef COFFMAN_FACTS_FACTSACTION_H
#define COFFMAN_FACTS_FACTSACTION_H

#include "facts/Facts.h"

#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/Tooling.h"

#include <functional>
#include <memory>

namespace coffman {
namespace facts {

using FactsSink = std::function<void(TranslationUnit &&)>;

// An AST consumer that builds facts when the TU is complete.
std::unique_ptr<clang::ASTConsumer> makeFactsConsumer(FactsSink sink);

// For ClangTool::run: one action per file, each reporting to `sink`.
std::unique_ptr<clang::tooling::FrontendActionFactory>
makeFactsActionFactory(FactsSink sink);

} // namespace facts
} // namespace coffman

#endif
