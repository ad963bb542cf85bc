#pragma once

// An evidence folder as clerks arrange it: one sub-folder per indicator ("10/", "10-技术攻关/",
// "03-共建平台/", "（5）技术转移/", "第6类 知识产权/", "七-工作制度/"), files in them in any depth.
// init fills a manifest from it, init --update brings one up to date, and check finds the files a
// manifest leaves out.

#include "forms/form.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace evpack::manifest {

// Natural order: "2.pdf" before "10.pdf".
bool natural_less(const std::string& a, const std::string& b);

// The indicator a folder is named after, or nullopt. A name that starts with an id followed by
// something other than a letter or digit matches it ("10", "10-技术攻关", "10 合同"; not "100" or
// "10a"), the longest id first. Failing that, a number written as people write it: leading zeros
// ("03-"), full-width or Chinese brackets ("（5）", "【5】"), 第…类/项 ("第6类"), Chinese
// numerals followed by a separator ("七-", "十一、"; not "一般").
std::optional<std::string> indicator_for_folder(const std::string& folder, const forms::Form& form);

// The evidence folder a listed file says there is: the folder above the first folder on its path
// named after its indicator ("evidence" for "evidence/10-技术攻关/a.pdf" listed under indicator
// 10; "." when that folder is in the manifest's own folder), or nullopt. rel is '/'-separated and
// relative to the manifest's folder.
std::optional<std::string> evidence_root_of(const std::string& rel, const std::string& indicator_id,
                                            const forms::Form& form);

// Why a file name is something an operating system or Office leaves behind rather than evidence
// (Thumbs.db, desktop.ini, .DS_Store, ._*, ~$*), or nullptr.
const char* system_file_reason(const std::string& name);

// A file whose name is not UTF-8 (a Windows zip stores names in GBK): it cannot be written into
// a manifest, so it is reported instead.
struct BadName
{
    std::string path;                   // as found, with the bytes that are not UTF-8 as \xNN
    std::optional<std::string> decoded; // the name read as GB18030, when that works
};

// "'…' has a name that is not UTF-8 (in GBK it reads '…'); rename it to UTF-8: convmv …".
std::string describe_bad_name(const BadName& bad, const std::string& evidence_dir);

struct EvidenceTree
{
    // Files by indicator id, in natural order of their paths (evidence_dir joined with the rest).
    std::map<std::string, std::vector<std::filesystem::path>> files;
    // Files in an indicator's folder whose names are not UTF-8, by indicator id.
    std::map<std::string, std::vector<BadName>> bad_names;
    // Everything init should say: folders that match no indicator, links that lead out of the
    // folder, names that are not UTF-8.
    std::vector<std::string> warnings;
};

// Reads evidence_dir's sub-folders. Hidden files and folders, system files (system_file_reason)
// and symbolic links that lead outside evidence_dir are left out. Throws UsageError when
// evidence_dir is not a folder.
EvidenceTree scan_evidence(const forms::Form& form, const std::string& evidence_dir);

} // namespace evpack::manifest
