#include "readers/html_text.h"

#include "readers/html_main_content.h"
#include "readers/html_page.h"
#include "readers/html_text_writer.h"

namespace tamis {
namespace {

void Count(BlockVerdict verdict, HtmlText* result) {
  switch (verdict) {
    case BlockVerdict::kFurniture: ++result->furniture_blocks; return;
    case BlockVerdict::kComment: ++result->comment_blocks; return;
    case BlockVerdict::kLinkList: ++result->link_list_blocks; return;
    case BlockVerdict::kTeasers: ++result->teaser_blocks; return;
    case BlockVerdict::kTable: ++result->table_blocks; return;
    case BlockVerdict::kNotContent: ++result->outside_blocks; return;
    case BlockVerdict::kKeep:
    case BlockVerdict::kDescend: return;
  }
}

// Replays the page's events, writing the text of kept blocks. Outside the main content only
// the structure is followed; a dropped block is skipped to its close event in one step.
class TextEmitter {
 public:
  TextEmitter(const HtmlPage& page, const MainContent& main, const HtmlTextOptions& options,
              HtmlText* result)
      : page_(page), main_(main), options_(options), result_(result), writer_(&result->text) {}

  void Run() {
    const auto& events = page_.events;
    for (size_t i = 0; i < events.size(); ++i) {
      const HtmlEvent& e = events[i];
      switch (e.type) {
        case HtmlEventType::kText:
          if (region_close_ != kNoRegion && (options_.keep_link_text || !e.in_link)) {
            if (pre_depth_ > 0) {
              writer_.PreText(page_.TextOf(e));
            } else {
              writer_.Text(page_.TextOf(e));
            }
          }
          break;
        case HtmlEventType::kOpen: {
          const HtmlNode& node = page_.nodes[e.index];
          const BlockVerdict verdict = Judge(e.index);
          if (verdict == BlockVerdict::kDescend) break;
          if (verdict != BlockVerdict::kKeep) {
            Count(verdict, result_);
            i = node.close_event;
            break;
          }
          if (region_close_ == kNoRegion) {
            region_close_ = node.close_event;
            region_root_ = e.index;
          }
          Open(node);
          break;
        }
        case HtmlEventType::kClose:
          if (region_close_ == kNoRegion) break;
          Close(page_.nodes[e.index]);
          if (i == region_close_) region_close_ = kNoRegion;
          break;
      }
    }
    writer_.Finish();
  }

 private:
  static constexpr size_t kNoRegion = SIZE_MAX;

  // kKeep: write the node; kDescend: follow its children without writing; else drop it.
  BlockVerdict Judge(uint32_t node) const {
    if (region_close_ != kNoRegion) return main_.JudgeInside(node, region_root_);
    switch (main_.placement(node)) {
      case Placement::kMainRoot: return BlockVerdict::kKeep;
      case Placement::kHoldsMain: return BlockVerdict::kDescend;
      case Placement::kOutside: break;
    }
    return main_.JudgeOutside(node);
  }

  void Open(const HtmlNode& node) {
    switch (node.role) {
      case TagRole::kBlock: writer_.EndLine(); return;
      case TagRole::kPre:
        writer_.BeginPre();
        ++pre_depth_;
        return;
      case TagRole::kBreak: writer_.EndLine(); return;
      case TagRole::kInline:
      case TagRole::kNever: return;
    }
  }

  void Close(const HtmlNode& node) {
    switch (node.role) {
      case TagRole::kBlock: writer_.EndLine(); return;
      case TagRole::kPre:
        --pre_depth_;
        writer_.EndPre();
        return;
      case TagRole::kBreak:
      case TagRole::kInline:
      case TagRole::kNever: return;
    }
  }

  const HtmlPage& page_;
  const MainContent& main_;
  const HtmlTextOptions& options_;
  HtmlText* result_;
  HtmlTextWriter writer_;
  size_t region_close_ = kNoRegion;  // Close event of the main root being written.
  uint32_t region_root_ = 0;
  int pre_depth_ = 0;
};

}  // namespace

HtmlText ExtractText(std::string_view utf8_html, const HtmlTextOptions& options) {
  HtmlText result;
  HtmlPage page;
  ParseHtmlPage(utf8_html, &page, options.drop_hidden);
  result.title = std::move(page.title);
  result.lang = std::move(page.lang);
  result.description = std::move(page.description);
  result.author = std::move(page.author);
  result.date = std::move(page.date);
  result.hidden_elements = page.hidden_elements;
  result.text.reserve(page.text.size() / 2);
  const MainContent main(page, options);
  TextEmitter(page, main, options, &result).Run();
  return result;
}

}  // namespace tamis
