<#include "_lib.ftli">
<#-- 欠款移交催收機構或採取法律行動之前的最後一份通知。 -->
關於${who}貸款逾期的最後通知
通知編號：${notice.reference}

${dearLetter}

${relationship()}截至${date(notice.date)}，該筆欠款已逾期${debt.dpd}天。
<#include "_history.ftli">

<#include "_amounts.ftli">

這是我們的最後通知。請您於${date(notice.deadline)}前還清${amount(debt.amountDue)}，或在該日期前與我們聯絡，協商還款計畫。

如在${date(notice.deadline)}前既未還款，也未與我們達成還款安排，我們擬將該筆欠款交由受本公司委託的催收機構代為催收，並可能依法追償，包括向法院提起訴訟。根據貸款契約約定，逾期款項可能繼續產生遲延利息；本次逾期紀錄可能報送徵信機構，影響您的個人信用紀錄。本通知由${lender.name}作為貸款機構發出，並非法院或其他政府機關之文書。

還款方式：
- 線上還款 ${payLink()}，或在「${lender.appName}」App中選擇「我的貸款 > 立即還款」；
- 銀行匯款，並在附言中註明貸款編號及本通知編號${notice.reference}；
- 分期償還：請在${date(notice.deadline)}前致電${lender.hotline}，與我們協商還款計畫。

如您認為本通知有誤或您已經還款，請致電${lender.hotline}或來信至${lender.email}，並提供上述通知編號；查核期間我們將暫停催收。申訴管道：${lender.complaints}。

我們仍然希望與您直接協商解決。

${lender.name}
${lender.address?replace("\n", " ")}
${date(notice.date)}
