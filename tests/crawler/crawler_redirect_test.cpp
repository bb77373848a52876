// Redirects, checked hop by hop: loops, chain length, robots.txt and scope of each hop.

#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "crawl_site.hpp"

namespace thinkdex::crawler {
namespace {

using namespace std::chrono_literals;

TEST_F(CrawlerTest, RedirectLoopsAreCutAndCounted) {
    Site site;
    site.routes().Get("/loop1", [](const httplib::Request&, httplib::Response& res) {
        res.set_redirect("/loop2");
    });
    site.routes().Get("/loop2", [](const httplib::Request&, httplib::Response& res) {
        res.set_redirect("/loop1");
    });
    site.start();
    site.write("/index.html", page("Home", "<a href=/loop1>loop</a>"));
    auto store = open_store();
    CrawlStats stats = crawl(config_for(site.url("/index.html")), store);
    EXPECT_EQ(skipped(stats, "redirect-loop"), 1u);
    EXPECT_EQ(site.count("/loop1"), 1u);  // seen again: the loop is cut before asking
    EXPECT_EQ(site.count("/loop2"), 1u);
}

TEST_F(CrawlerTest, RedirectChainsLongerThanTheLimitAreCut) {
    Site site;
    site.routes().Get(R"(/r(\d+))", [](const httplib::Request& req, httplib::Response& res) {
        res.set_redirect("/r" + std::to_string(std::stoi(req.matches[1]) + 1));
    });
    site.start();
    site.write("/index.html", page("Home", "<a href=/r1>chain</a>"));
    auto config = config_for(site.url("/index.html"));
    config.max_redirects = 3;
    auto store = open_store();
    CrawlStats stats = crawl(config, store);
    EXPECT_EQ(skipped(stats, "redirects"), 1u);
    EXPECT_EQ(site.count("/r4"), 1u);  // r1 and three redirects followed
    EXPECT_EQ(site.count("/r5"), 0u);
}

// Each hop is checked before it is requested: a redirect into a disallowed path, off the
// crawl's scope, or onto a site whose robots.txt forbids it is not followed, with a reason.
TEST_F(CrawlerTest, RedirectHopsAreCheckedAgainstRobotsAndScope) {
    Site site, other;
    other.start();
    other.write("/robots.txt", "User-agent: *\nDisallow: /\n");
    other.write("/x.html", page("Other", ""));
    std::string off_site = other.url("/x.html");
    site.routes().Get("/to-private", [](const httplib::Request&, httplib::Response& res) {
        res.set_redirect("/private/secret.html");
    });
    site.routes().Get("/to-other", [&](const httplib::Request&, httplib::Response& res) {
        res.set_redirect(off_site);
    });
    site.routes().Get("/to-page", [](const httplib::Request&, httplib::Response& res) {
        res.set_redirect("/page.html", 301);
    });
    site.start();
    site.write("/robots.txt", "User-agent: *\nDisallow: /private/\n");
    site.write("/index.html", page("Home",
                                   "<a href=/to-private>p</a> <a href=/to-other>o</a> "
                                   "<a href=/to-page>ok</a>"));
    site.write("/private/secret.html", page("Secret", ""));
    site.write("/page.html", page("Page", ""));
    auto store = open_store();
    CrawlStats stats = crawl(config_for(site.url("/index.html")), store);
    EXPECT_EQ(skipped(stats, "redirect-robots"), 1u);
    EXPECT_EQ(skipped(stats, "redirect-scope"), 1u);
    EXPECT_EQ(site.count("/private/secret.html"), 0u);
    EXPECT_EQ(other.count("/x.html"), 0u);
    EXPECT_FALSE(store.get_page(site.url("/to-private")));
    EXPECT_FALSE(store.get_page(site.url("/to-other")));
    EXPECT_EQ(store.get_page(site.url("/to-page"))->final_url, site.url("/page.html"));
    EXPECT_EQ(stats.new_pages, 2u);

    // A seed may redirect to another site (it comes into scope), but that site's robots.txt
    // is asked first, and here it says no.
    test::TempDir other_data;
    store::CrawlStore other_store(other_data.path() / "crawl.sqlite");
    CrawlStats seed = crawl(config_for(site.url("/to-other")), other_store);
    EXPECT_EQ(skipped(seed, "redirect-robots"), 1u);
    EXPECT_EQ(other.count("/robots.txt"), 1u);
    EXPECT_EQ(other.count("/x.html"), 0u);
}

TEST_F(CrawlerTest, ASeedThatRedirectsBringsItsTargetSiteIntoScope) {
    Site old_site, new_site;
    new_site.start();
    std::string target = new_site.url("/home.html");
    old_site.routes().Get("/", [&](const httplib::Request&, httplib::Response& res) {
        res.set_redirect(target, 301);
    });
    old_site.start();
    new_site.write("/home.html", page("Home", "<a href=/pub.html>p</a>"));
    new_site.write("/pub.html", page("Publication", ""));
    auto store = open_store();
    CrawlStats stats = crawl(config_for(old_site.url("/")), store);
    EXPECT_EQ(stats.new_pages, 2u);  // the seed (stored under its own URL) and pub.html
    EXPECT_EQ(store.get_page(old_site.url("/"))->final_url, target);
    EXPECT_TRUE(store.get_page(new_site.url("/pub.html")));
}

}  // namespace
}  // namespace thinkdex::crawler
