<#include "_lib.ftli">
${dear}

逾期還款正式通知
通知編號：${notice.reference}

${relationship()}
截至${date(notice.date)}，該筆欠款已逾期${debt.dpd}天。

<#include "_amounts.ftli">

敬請於${date(notice.deadline)}前清償上述全部逾期款項。本通知的PDF版本已作為附件隨本郵件發送。

一、還款方式
- 一次性還清：${payLink()}，或在「${lender.appName}」App中選擇「我的貸款 > 立即還款」；
- 銀行匯款：請於匯款附言中註明貸款編號及通知編號${notice.reference}；
- 分期償還：請在${date(notice.deadline)}前與我們聯絡，我們將與您協商還款計畫。
<#include "_schedule.ftli">
<#include "_history.ftli">

二、異議處理
如您認為上述金額有誤，或您已經還款，請致電${lender.hotline}或來信至${lender.email}，並提供通知編號${notice.reference}。我們將查核後答覆您，查核期間暫停就有異議的款項向您發送提醒。

三、信用報送提醒
本公司會向徵信機構報送貸款的還款資訊。本通知即為事先通知：如您未能在${date(notice.deadline)}前還清上述逾期款項，本公司可能報送本次逾期資訊，可能影響您的個人信用紀錄。

四、聯絡方式
客服專線：${lender.hotline}
電子郵件：${lender.email}
官方網站：${lender.website}
申訴管道：${lender.complaints}

如您已經還款，感謝您，請忽略本通知。

${lender.name}

--
您收到本郵件，是因為您在${lender.name}有一筆貸款。如您不希望再以電子郵件接收還款提醒，請來信至${lender.email}告知我們，或在「${lender.appName}」App的「設定 > 通知」中關閉郵件提醒。<#if notice.unsubscribe??>您也可以透過以下連結取消訂閱郵件提醒：${notice.unsubscribe}</#if>
