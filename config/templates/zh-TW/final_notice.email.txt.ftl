<#include "_lib.ftli">
${dear}

移交催收前的最後通知
通知編號：${notice.reference}

${relationship()}截至${date(notice.date)}，該筆欠款已逾期${debt.dpd}天。
<#include "_history.ftli">

<#include "_amounts.ftli">

這是我們的最後通知。請您於${date(notice.deadline)}前還清${amount(debt.amountDue)}，或在該日期前與我們聯絡，協商還款計畫。如屆時既未還款，也未與我們達成還款安排，我們擬將該筆欠款交由受本公司委託的催收機構代為催收，並可能依法追償。本通知的PDF版本已作為附件隨本郵件發送。

還款方式：${payLink()}、「${lender.appName}」App，或銀行匯款並在附言中註明${notice.reference}。協商還款或諮詢：${lender.hotline}、${lender.email}。申訴管道：${lender.complaints}。

${lender.name}

--
您收到本郵件，是因為您在${lender.name}有一筆貸款。如您不希望再以電子郵件接收還款提醒，請來信至${lender.email}告知我們，或在「${lender.appName}」App的「設定 > 通知」中關閉郵件提醒。<#if notice.unsubscribe??>您也可以透過以下連結取消訂閱郵件提醒：${notice.unsubscribe}</#if>
