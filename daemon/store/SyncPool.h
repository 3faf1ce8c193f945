// SyncPool.h - runs a batch's fsyncs side by side
//
// Internal to the store. An fsync mostly waits for the disk, and journaling
// file systems (ext4's jbd2, xfs) fold fsyncs that are in flight together
// into one journal commit. So a batch issues its file syncs, and then its
// per-mailbox work (link, directory sync, index commit), concurrently: the
// batch then costs about one fsync latency per step instead of one per
// message. The threads sleep in the kernel, not on the CPU.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace mailstead::store {

class SyncPool {
public:
    explicit SyncPool(int threads);
    ~SyncPool();
    SyncPool(const SyncPool &) = delete;
    SyncPool &operator=(const SyncPool &) = delete;

    // Runs every task (the caller's thread helps) and returns when all have
    // finished. Tasks must not throw.
    void runAll(const std::vector<std::function<void()>> &tasks);

private:
    struct Job;
    void workerLoop();
    void retire(const std::shared_ptr<Job> &job);

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::shared_ptr<Job>> m_jobs; // guarded by m_mutex
    bool m_stopping = false;                 // guarded by m_mutex
    std::vector<std::thread> m_threads;
};

} // namespace mailstead::store
