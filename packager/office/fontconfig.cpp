#include "office/fontconfig.hpp"

#include <utility>
#include <vector>

namespace evpack::office {

std::string fontconfig_text()
{
    static const std::vector<std::pair<const char*, std::vector<const char*>>> aliases = {
        {"Noto Serif CJK SC", {"宋体", "SimSun", "新宋体", "NSimSun", "仿宋", "仿宋_GB2312", "FangSong", "FangSong_GB2312"}},
        {"Noto Sans CJK SC", {"黑体", "SimHei", "微软雅黑", "Microsoft YaHei", "等线", "DengXian"}},
        {"AR PL UKai CN", {"楷体", "楷体_GB2312", "KaiTi", "KaiTi_GB2312"}},
    };
    std::string out = "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig>\n"
                      "  <include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>\n";
    for (const auto& [face, names] : aliases) {
        for (const char* name : names) {
            out += std::string("  <alias binding=\"same\"><family>") + name + "</family><prefer><family>" + face
                + "</family></prefer></alias>\n";
        }
    }
    return out + "</fontconfig>\n";
}

} // namespace evpack::office
