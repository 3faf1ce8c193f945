// OpenFileLimit.cpp - setrlimit(RLIMIT_NOFILE) up to the hard limit
#include "OpenFileLimit.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sys/resource.h>

using namespace Qt::StringLiterals;

namespace mailstead::runtime {

OpenFileLimit raiseOpenFileLimit(quint64 wanted, QString *warning) {
    OpenFileLimit result;
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) {
        *warning = u"cannot read the open-file limit: "_s + QString::fromLocal8Bit(strerror(errno));
        return result;
    }
    result.before = limit.rlim_cur;
    result.hard = limit.rlim_max;
    result.now = limit.rlim_cur;
    if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < wanted) {
        rlimit raised = limit;
        raised.rlim_cur =
            limit.rlim_max == RLIM_INFINITY ? wanted : std::min<rlim_t>(wanted, limit.rlim_max);
        if (::setrlimit(RLIMIT_NOFILE, &raised) == 0)
            result.now = raised.rlim_cur;
    }
    if (result.now != RLIM_INFINITY && result.now < wanted)
        *warning = u"the open-file limit is %1 (hard limit %2), below the %3 descriptors"
                   " max_connections needs; raise LimitNOFILE (systemd) or ulimit -n, or lower"
                   " [general] max_connections"_s.arg(result.now)
                       .arg(result.hard)
                       .arg(wanted);
    return result;
}

} // namespace mailstead::runtime
