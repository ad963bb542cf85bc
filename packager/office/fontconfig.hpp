#pragma once

#include <string>

namespace evpack::office {

// A fontconfig file for the conversion run alone (FONTCONFIG_FILE): the system's configuration,
// plus aliases that send the names Chinese documents use to the closest Debian face. No Debian
// font package answers to 宋体 or 黑体, and without these fontconfig picks whatever CJK face it
// finds first (a Kai face for 黑体 with fonts-arphic installed):
//   宋体 SimSun 新宋体 NSimSun 仿宋 仿宋_GB2312 FangSong       -> Noto Serif CJK SC
//   黑体 SimHei 微软雅黑 Microsoft YaHei 等线 DengXian        -> Noto Sans CJK SC
//   楷体 楷体_GB2312 KaiTi KaiTi_GB2312                      -> AR PL UKai CN
// (Debian 12 has no simplified-Chinese FangSong face; the Song face is the closest.)
std::string fontconfig_text();

} // namespace evpack::office
