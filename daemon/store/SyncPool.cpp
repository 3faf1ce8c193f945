// SyncPool.cpp - a fixed set of threads that share out a list of tasks
#include "SyncPool.h"

#include <algorithm>
#include <atomic>

namespace mailstead::store {

struct SyncPool::Job {
    const std::vector<std::function<void()>> *tasks = nullptr;
    size_t count = 0; // tasks->size(), readable after the caller returned
    std::atomic<size_t> next{0};
    std::mutex mutex;
    std::condition_variable finished;
    size_t done = 0; // guarded by mutex

    // Takes and runs tasks until none are left.
    void work() {
        for (size_t index = next++; index < count; index = next++) {
            (*tasks)[index]();
            std::lock_guard guard(mutex);
            if (++done == count)
                finished.notify_all();
        }
    }
};

SyncPool::SyncPool(int threads) {
    for (int i = 0; i < threads; ++i)
        m_threads.emplace_back([this] { workerLoop(); });
}

SyncPool::~SyncPool() {
    {
        std::lock_guard guard(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    for (std::thread &thread : m_threads)
        thread.join();
}

void SyncPool::runAll(const std::vector<std::function<void()>> &tasks) {
    if (tasks.size() <= 1 || m_threads.empty()) {
        for (const std::function<void()> &task : tasks)
            task();
        return;
    }
    auto job = std::make_shared<Job>();
    job->tasks = &tasks;
    job->count = tasks.size();
    {
        std::lock_guard guard(m_mutex);
        m_jobs.push_back(job);
    }
    // One helper per task beyond the one the caller runs.
    if (tasks.size() - 1 >= m_threads.size())
        m_wake.notify_all();
    else
        for (size_t i = 0; i + 1 < tasks.size(); ++i)
            m_wake.notify_one();
    job->work();
    retire(job);
    std::unique_lock lock(job->mutex);
    job->finished.wait(lock, [&] { return job->done == tasks.size(); });
}

void SyncPool::retire(const std::shared_ptr<Job> &job) {
    std::lock_guard guard(m_mutex);
    const auto it = std::find(m_jobs.begin(), m_jobs.end(), job);
    if (it != m_jobs.end())
        m_jobs.erase(it);
}

void SyncPool::workerLoop() {
    for (;;) {
        std::shared_ptr<Job> job;
        {
            std::unique_lock lock(m_mutex);
            for (;;) {
                m_wake.wait(lock, [this] { return m_stopping || !m_jobs.empty(); });
                if (m_stopping)
                    return;
                job = m_jobs.front();
                if (job->next.load() < job->count)
                    break;
                m_jobs.pop_front(); // every task already handed out
            }
        }
        // Runs until every task is handed out, so nobody needs the job after.
        job->work();
        retire(job);
    }
}

} // namespace mailstead::store
