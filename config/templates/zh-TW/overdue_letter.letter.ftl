<#include "_lib.ftli">
<#-- 正式逾期通知函（逾期第4天）：標題；借貸關係；逾期金額與還款期限；還款方式（含還款計畫）；逾期後果（含信用報送的
     事先通知）；異議；聯絡方式；落款為貸款機構名稱與日期。信封視窗只顯示雙方地址（LetterLayout）。 -->
關於${who}貸款逾期還款的通知
通知編號：${notice.reference}

${dearLetter}

${relationship()}
截至${date(notice.date)}，該筆欠款已逾期${debt.dpd}天。

<#include "_amounts.ftli">

敬請於${date(notice.deadline)}前清償上述逾期款項合計${amount(debt.amountDue)}。

還款方式：
- 一次性還清：線上還款 ${payLink()}，或在「${lender.appName}」App中選擇「我的貸款 > 立即還款」；
- 銀行匯款：請於匯款附言中註明貸款編號及本通知編號${notice.reference}（收款帳戶資訊可在App內查詢或致電客服專線取得）；
- 分期償還：如您無法一次性還清，請在${date(notice.deadline)}前與我們聯絡，我們將依您的實際狀況，與您協商還款計畫。
<#include "_schedule.ftli">

逾期後果：根據貸款契約約定，逾期款項可能產生遲延利息。本公司會向徵信機構報送貸款的還款資訊，特此事先通知：如您未能在${date(notice.deadline)}前還清上述逾期款項，本公司可能報送本次逾期資訊，可能影響您的個人信用紀錄。如欠款仍未結清，本公司可能依法追償，包括向有管轄權之法院提起訴訟。本通知由${lender.name}作為貸款機構發出，並非法院或其他政府機關之文書。

如您認為本通知有誤或您已經還款，請憑上述通知編號與我們聯絡。我們將查核後書面答覆您；查核期間，我們將暫停就有異議的款項向您發送提醒。

聯絡方式：
- 您的還款頁面：${payLink()}
- 客服專線：${lender.hotline}
- 電子郵件：${lender.email}
- 官方網站：${lender.website}
- 通訊地址：${lender.address?replace("\n", " ")}
- 申訴管道：${lender.complaints}

我們理解每個人都可能遇到困難，更希望與您一起找到解決辦法。如您已經還款，感謝您，請忽略本通知。

特此通知。

${lender.name}
${date(notice.date)}
